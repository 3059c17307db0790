import { randomBytes } from "node:crypto";
import * as dnsPacket from "@leichtgewicht/dns-packet";
import { answerQuestion } from "./authority";
import { encodeLabAnswer, respondToQuery } from "./dns-message";
import type { LabZone } from "./zones";

/**
 * The bad answers the hostile server sends, as bytes. Each one is what a broken middlebox,
 * a spoofer or a buggy server has been seen to send; DNS clients must turn all of them into
 * an error value, never a crash, a hang or an unbounded buffer.
 */
export type HostileMode =
  | "garbage"
  | "short"
  | "compression-loop"
  | "wrong-id"
  | "wrong-question"
  | "oversize"
  | "endless-tcp"
  | "silent"
  | "slow-drip"
  | "truncated-udp";

export type HostileTransport = "udp" | "tcp" | "doh";

/** Largest UDP payload over IPv4 (65535 minus IP and UDP headers). */
const MAX_UDP_PAYLOAD = 65_507;
export const DOH_OVERSIZE_BYTES = 1024 * 1024;

/**
 * The complete reply message for one query (unframed), or null for no reply at all.
 * endless-tcp's stream over TCP and DoH, and slow-drip's pacing, are the server's job.
 */
export function hostileMessage(
  mode: HostileMode,
  query: Uint8Array,
  zones: LabZone[],
  transport: HostileTransport,
): Uint8Array | null {
  const real = () => respondToQuery(query, { zones, udp: transport === "udp" });
  switch (mode) {
    case "silent":
      return null;
    case "garbage":
      return new Uint8Array(randomBytes(12 + Math.floor(Math.random() * 500)));
    case "short":
      // A header cut off after the id, the flags and one count byte.
      return new Uint8Array([query[0] ?? 0, query[1] ?? 0, 0x84, 0x00, 0x00]);
    case "compression-loop":
      return compressionLoop(query);
    case "wrong-id": {
      const reply = real();
      if (reply) new DataView(reply.buffer, reply.byteOffset).setUint16(0, (readId(query) + 1) & 0xffff);
      return reply;
    }
    case "wrong-question":
      return withQuestion(query, zones, (name) => `spoofed.${name}`);
    case "oversize":
      return junkResponse(
        query,
        transport === "udp" ? MAX_UDP_PAYLOAD : transport === "tcp" ? 0xffff : DOH_OVERSIZE_BYTES,
      );
    case "truncated-udp":
    case "slow-drip":
    case "endless-tcp":
      // Truncating UDP pushes UDP-first clients onto the (misbehaving) TCP path (RFC 7766 5).
      return transport === "udp" ? withQuestion(query, zones, (name) => name, true) : real();
  }
}

function readId(query: Uint8Array): number {
  return ((query[0] ?? 0) << 8) | (query[1] ?? 0);
}

function decodeQuestion(query: Uint8Array): dnsPacket.Question | undefined {
  try {
    return dnsPacket.decode(query).questions?.[0];
  } catch {
    return undefined;
  }
}

/** A real answer from the zones, sent with a rewritten question and/or the TC bit. */
function withQuestion(query: Uint8Array, zones: LabZone[], rename: (name: string) => string, truncated = false) {
  const question = decodeQuestion(query);
  if (!question) return null;
  const answer = answerQuestion(zones, question.name, question.type);
  return encodeLabAnswer(readId(query), { ...question, name: rename(question.name) }, answer, { truncated });
}

/**
 * Echoes the question, then two answers whose names loop: the first owner name points at
 * itself, the second record's RDATA points forward to a name that points back (RFC 1035 4.1.4
 * only allows pointers to earlier data; naive decoders follow these forever).
 */
function compressionLoop(query: Uint8Array): Uint8Array | null {
  const question = decodeQuestion(query);
  if (!question) return null;
  const head = dnsPacket.encode({
    type: "response",
    id: readId(query),
    flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: [question],
  });
  const first = head.length;
  const rdata = first + 12;
  const second = rdata + 2;
  const pointer = (to: number) => [0xc0 | (to >> 8), to & 0xff];
  const fixed = (type: number, rdlength: number) => [0, type, 0, 1, 0, 0, 0, 60, 0, rdlength];
  const tail = [
    ...pointer(first), // owner name: pointer to itself
    ...fixed(5, 2), // CNAME, RDATA of 2 bytes
    ...pointer(second), // RDATA: forward pointer to the next owner name
    ...pointer(rdata), // owner name: back to the forward pointer
    ...fixed(1, 4),
    192,
    0,
    2,
    1,
  ];
  const reply = new Uint8Array(head.length + tail.length);
  reply.set(head);
  reply.set(tail, head.length);
  new DataView(reply.buffer).setUint16(6, 2);
  return reply;
}

/** A response header (id echoed, QR and AA set, counts claiming a full message) and junk. */
function junkResponse(query: Uint8Array, size: number): Uint8Array {
  const reply = new Uint8Array(size);
  const view = new DataView(reply.buffer);
  view.setUint16(0, readId(query));
  view.setUint16(2, 0x8400);
  for (const offset of [4, 6, 8, 10]) view.setUint16(offset, 0xffff);
  reply.fill(0x3f, 12);
  return reply;
}
