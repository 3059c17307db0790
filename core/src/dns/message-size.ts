import { encodeNaptrRdata } from "./naptr-rdata";
import type { NaptrRecord } from "./types";

/** Largest DNS message over UDP without EDNS0 (RFC 1035 4.2.1). */
export const PLAIN_UDP_MESSAGE = 512;

/**
 * The size of the response that carries these NAPTR records for `name`, as a compressing server
 * (BIND) writes it: header, the question, and per record a 2-byte pointer to the owner name, the
 * fixed RR fields and the RDATA, whose replacement name is never compressed (RFC 3403 4.1).
 * Computed rather than encoded because no encoder at hand compresses names the way servers do.
 */
export function naptrResponseBytes(name: string, records: readonly NaptrRecord[]): number {
  const question = wireNameBytes(name) + 4;
  return records.reduce((total, r) => total + 2 + 10 + encodeNaptrRdata(r).length, 12 + question);
}

/** Uncompressed wire length of a name: each label with its length byte, then the root byte. */
function wireNameBytes(name: string): number {
  const labels = name.replace(/\.$/, "").split(".").filter(Boolean);
  return labels.reduce((n, l) => n + 1 + new TextEncoder().encode(l).length, 1);
}
