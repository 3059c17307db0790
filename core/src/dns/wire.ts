import * as dnsPacket from "@leichtgewicht/dns-packet";
import { decodeNaptrRdata } from "./naptr-rdata";
import type { DnsAnswer, DnsFailureKind, DnsQuestion, DnsRecord, Rcode } from "./types";
import { normalizeName } from "./types";

/** Largest DNS message there can be (RFC 1035 4.2.2: TCP length prefix is 16 bits). */
export const MAX_DNS_MESSAGE = 65_535;
/** EDNS0 UDP payload size we advertise (DNS Flag Day 2020 recommends 1232). */
export const EDNS_UDP_SIZE = 1232;

const RCODES: Record<number, Rcode> = {
  0: "NOERROR",
  1: "FORMERR",
  2: "SERVFAIL",
  3: "NXDOMAIN",
  4: "NOTIMP",
  5: "REFUSED",
};

export interface QueryOptions {
  /** true when asking a recursive resolver, false when asking an authoritative server. */
  recursionDesired: boolean;
  /** Advertise EDNS0 with this UDP payload size; omit for plain DNS. */
  ednsUdpSize?: number;
}

/** Encodes a query message. DoH uses id 0 so answers are cacheable (RFC 8484 4.1). */
export function encodeQuery(id: number, question: DnsQuestion, options: QueryOptions): Uint8Array {
  return dnsPacket.encode({
    type: "query",
    id,
    flags: options.recursionDesired ? dnsPacket.RECURSION_DESIRED : 0,
    questions: [{ type: question.type, name: question.name, class: "IN" }],
    additionals:
      options.ednsUdpSize === undefined
        ? []
        : [{ type: "OPT", name: ".", udpPayloadSize: options.ednsUdpSize, flags: 0, options: [] } as never],
  });
}

export type DecodedResponse =
  | { ok: true; id: number; truncated: boolean; answer: Omit<DnsAnswer, "server" | "elapsedMs"> }
  | { ok: false; kind: DnsFailureKind; message: string };

/**
 * Decodes and checks a response to `question`: QR bit, ID (when given), echoed question.
 * Malformed input (bad pointers, compression loops, overruns) becomes `{ ok: false }`.
 */
export function decodeResponse(bytes: Uint8Array, question: DnsQuestion, expectedId?: number): DecodedResponse {
  if (bytes.length > MAX_DNS_MESSAGE) {
    return { ok: false, kind: "too-large", message: `response of ${bytes.length} bytes exceeds the DNS maximum` };
  }
  if (bytes.length < 12)
    return { ok: false, kind: "malformed", message: `response of ${bytes.length} bytes is shorter than a DNS header` };
  let packet: dnsPacket.Packet;
  try {
    packet = dnsPacket.decode(bytes);
  } catch (error) {
    return { ok: false, kind: "malformed", message: `malformed DNS response: ${(error as Error).message}` };
  }
  const flags = packet.flags ?? 0;
  if (packet.type !== "response")
    return { ok: false, kind: "malformed", message: "message is a query, not a response" };
  if (expectedId !== undefined && packet.id !== expectedId) {
    return { ok: false, kind: "mismatch", message: `response id ${packet.id} does not match query id ${expectedId}` };
  }
  const truncated = (flags & dnsPacket.TRUNCATED_RESPONSE) !== 0;
  const echoed = packet.questions?.[0];
  const rcode = RCODES[flags & 0xf] ?? (`RCODE${flags & 0xf}` as Rcode);
  // Some servers omit the question in FORMERR/REFUSED answers; a present but different one is a mismatch.
  if (echoed && (normalizeName(echoed.name) !== question.name || echoed.type !== question.type)) {
    return {
      ok: false,
      kind: "mismatch",
      message: `response is for ${echoed.name} ${echoed.type}, not ${question.name} ${question.type}`,
    };
  }
  let records: DnsRecord[];
  let authority: DnsRecord[];
  try {
    records = (packet.answers ?? []).flatMap(toRecord);
    authority = (packet.authorities ?? []).flatMap(toRecord);
  } catch (error) {
    return { ok: false, kind: "malformed", message: `malformed record: ${(error as Error).message}` };
  }
  return {
    ok: true,
    id: packet.id ?? 0,
    truncated,
    answer: {
      question,
      rcode,
      records,
      authority,
      authoritative: (flags & dnsPacket.AUTHORITATIVE_ANSWER) !== 0,
      authenticData: (flags & dnsPacket.AUTHENTIC_DATA) !== 0,
    },
  };
}

/** Converts one decoded answer; types a SIP audit does not use are dropped. */
function toRecord(answer: dnsPacket.Answer): DnsRecord[] {
  const name = normalizeName(answer.name);
  const ttl = answer.ttl ?? 0;
  switch (answer.type) {
    case "A":
    case "AAAA":
      return [{ type: answer.type, name, ttl, address: answer.data }];
    case "CNAME":
      return [{ type: "CNAME", name, ttl, target: normalizeName(answer.data) }];
    case "NS":
      return [{ type: "NS", name, ttl, host: normalizeName(answer.data) }];
    case "SRV":
      return [
        {
          type: "SRV",
          name,
          ttl,
          priority: answer.data.priority ?? 0,
          weight: answer.data.weight ?? 0,
          port: answer.data.port ?? 0,
          target: normalizeName(answer.data.target),
        },
      ];
    case "SOA":
      return [{ type: "SOA", name, ttl, mname: normalizeName(answer.data.mname), serial: answer.data.serial ?? 0 }];
    case "NAPTR": {
      const data = decodeNaptrRdata(answer.data);
      return [{ type: "NAPTR", name, ttl, ...data, replacement: normalizeName(data.replacement) }];
    }
    default:
      return [];
  }
}
