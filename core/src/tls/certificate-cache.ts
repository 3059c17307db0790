import { toHex } from "../dns/bytes";
import { parseCertificate } from "./parse-certificate";
import type { CertificateInfo } from "./types";

/** Something that turns DER into CertificateInfo: parseCertificate itself, or a cache in front of it. */
export interface CertificateParser {
  parse(der: Uint8Array): Promise<CertificateInfo>;
}

/**
 * Parsed certificates by DER fingerprint, least recently used evicted. A monitor re-probed every
 * minute serves the same chain each time; hashing the DER (native SHA-256) is far cheaper than
 * parsing the ASN.1 and checking a self-signature in TypeScript, which the edge pays in CPU time.
 * A Durable Object keeps one per isolate. Callers must treat the results as read-only.
 */
export class CertificateCache implements CertificateParser {
  private readonly entries = new Map<string, Promise<CertificateInfo>>();

  constructor(
    private readonly maxEntries = 1000,
    private readonly parseDer: (der: Uint8Array) => Promise<CertificateInfo> = parseCertificate,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async parse(der: Uint8Array): Promise<CertificateInfo> {
    // slice(): a copy backed by a plain ArrayBuffer, as WebCrypto wants.
    const key = toHex(new Uint8Array(await crypto.subtle.digest("SHA-256", der.slice())));
    const hit = this.entries.get(key);
    if (hit) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const parsed = this.parseDer(der);
    this.entries.set(key, parsed);
    // A DER that does not parse is not cached: the error is reported, and the next probe tries again.
    parsed.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return parsed;
  }
}
