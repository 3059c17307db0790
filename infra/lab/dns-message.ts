import * as dnsPacket from "@leichtgewicht/dns-packet";
import { encodeNaptrRdata } from "@sipwatch/core";
import { answerQuestion, type LabAnswer, type LookupOptions } from "./authority";
import { DEFAULT_TTL, type LabRecord, type LabZone } from "./zones";

/** Turns one query message into the response message, the same for UDP, TCP and DoH. */
export interface RespondOptions extends LookupOptions {
  zones: LabZone[];
  /** Set on UDP: answers larger than the client's limit are truncated (RFC 1035 4.2.1, RFC 6891 7). */
  udp?: boolean;
}

const RCODE_NUMBERS = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;
type WireRcode = keyof typeof RCODE_NUMBERS;

/** What we advertise in our own OPT record; DNS Flag Day 2020 value, like BIND's default. */
const SERVER_UDP_SIZE = 1232;
const CLASSIC_UDP_LIMIT = 512;

/** dns-packet has no NAPTR codec: NAPTR goes out as raw RDATA (RFC 3403 4.1). */
export function toWireAnswer(record: LabRecord): dnsPacket.Answer {
  const base = { name: record.name, class: "IN" as const, ttl: record.ttl ?? DEFAULT_TTL };
  if (record.type === "NAPTR") return { ...base, type: "NAPTR", data: encodeNaptrRdata(record.data) };
  return { ...base, type: record.type, data: record.data } as dnsPacket.Answer;
}

/** Builds the wire response for `question` from a LabAnswer (also used by the hostile server). */
export function encodeLabAnswer(
  id: number,
  question: dnsPacket.Question,
  answer: LabAnswer,
  extra: { recursionDesired?: boolean; edns?: boolean; truncated?: boolean } = {},
): Uint8Array {
  let flags = RCODE_NUMBERS[answer.rcode];
  if (answer.authoritative) flags |= dnsPacket.AUTHORITATIVE_ANSWER;
  if (extra.recursionDesired) flags |= dnsPacket.RECURSION_DESIRED;
  if (extra.truncated) flags |= dnsPacket.TRUNCATED_RESPONSE;
  return dnsPacket.encode({
    type: "response",
    id,
    flags,
    questions: [question],
    answers: extra.truncated ? [] : answer.answers.map(toWireAnswer),
    authorities: extra.truncated ? [] : answer.authorities.map(toWireAnswer),
    additionals: extra.edns ? [serverOpt()] : [],
  });
}

/**
 * Returns the response bytes, or null when the message deserves no answer: shorter than a
 * header (no id to echo) or itself a response (answering those invites reflection loops).
 */
export function respondToQuery(query: Uint8Array, options: RespondOptions): Uint8Array | null {
  if (query.length < 12) return null;
  const view = new DataView(query.buffer, query.byteOffset, query.byteLength);
  const id = view.getUint16(0);
  const headerFlags = view.getUint16(2);
  if (headerFlags & 0x8000) return null;
  const recursionDesired = (headerFlags & dnsPacket.RECURSION_DESIRED) !== 0;
  let packet: dnsPacket.Packet;
  try {
    packet = dnsPacket.decode(query);
  } catch {
    return bare(id, "FORMERR", [], recursionDesired);
  }
  const questions = packet.questions ?? [];
  if ((headerFlags >> 11) & 0xf) return bare(id, "NOTIMP", questions, recursionDesired);
  const question = questions[0];
  if (!question || questions.length !== 1) return bare(id, "FORMERR", questions, recursionDesired);
  const opt = (packet.additionals ?? []).find((a) => a.type === "OPT") as { udpPayloadSize?: number } | undefined;
  if (question.class !== "IN" && question.class !== "ANY") {
    return bare(id, "REFUSED", questions, recursionDesired, opt !== undefined);
  }
  const answer = answerQuestion(options.zones, question.name, question.type, options);
  const extra = { recursionDesired, edns: opt !== undefined };
  const response = encodeLabAnswer(id, question, answer, extra);
  // RFC 6891 6.2.3: sizes below 512 are treated as 512. On streams the 16-bit length prefix
  // is the limit; only a zone far bigger than the lab's could reach it.
  const udpLimit = Math.max(CLASSIC_UDP_LIMIT, opt?.udpPayloadSize ?? CLASSIC_UDP_LIMIT);
  if (response.length > (options.udp ? udpLimit : 0xffff)) {
    return encodeLabAnswer(id, question, answer, { ...extra, truncated: true });
  }
  return response;
}

function bare(
  id: number,
  rcode: WireRcode,
  questions: dnsPacket.Question[],
  recursionDesired: boolean,
  edns = false,
): Uint8Array {
  return dnsPacket.encode({
    type: "response",
    id,
    flags: RCODE_NUMBERS[rcode] | (recursionDesired ? dnsPacket.RECURSION_DESIRED : 0),
    questions,
    additionals: edns ? [serverOpt()] : [],
  });
}

function serverOpt(): dnsPacket.Answer {
  // dns-packet's types omit the OPT header fields it does encode.
  return { type: "OPT", name: ".", udpPayloadSize: SERVER_UDP_SIZE, flags: 0, options: [] } as never;
}
