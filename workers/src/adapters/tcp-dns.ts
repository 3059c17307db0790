import {
  concatBytes,
  type DnsLookup,
  type DnsQuestion,
  type DnsResolver,
  decodeResponse,
  encodeQuery,
  ProbeDeadline,
  type ProbeTarget,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { openTcp } from "./tcp-connect";

export interface TcpDnsResolverOptions {
  /** A recursive resolver (not one of Cloudflare's own addresses, which `connect()` refuses) or an authoritative server. */
  server: { address: string; port: number };
  /** true for a recursive resolver (the default), false for an authoritative server. */
  recursionDesired?: boolean;
  timeoutMs?: number;
}

/** An audit asks a few dozen questions; this bounds memory if a caller runs away. */
const MAX_IN_FLIGHT = 256;

type Pending = { question: DnsQuestion; started: number; settle: (lookup: DnsLookup) => void };
type Failure = Extract<DnsLookup, { ok: false }>["failure"]["kind"];

/**
 * DNS over one TCP connection from `cloudflare:sockets`, every question of an audit pipelined
 * on it with its own ID and answers taken in any order (RFC 7766 6.2.1.1). A DoH query costs
 * the edge a whole HTTP exchange; here a question is a 2-byte length and a few dozen bytes.
 * Call `close()` when the audit is done.
 */
export class TcpDnsResolver implements DnsResolver {
  readonly label: string;
  private channel: Promise<ByteChannel | string> | undefined;
  private readonly pending = new Map<number, Pending>();
  private buffer: Uint8Array = new Uint8Array(0);
  private nextId = Math.floor(Math.random() * 0xffff);

  constructor(private readonly options: TcpDnsResolverOptions) {
    this.label = `tcp:${options.server.address}:${options.server.port}`;
  }

  async query(question: DnsQuestion, signal?: AbortSignal): Promise<DnsLookup> {
    const started = performance.now();
    const fail = (kind: Failure, message: string): DnsLookup => ({
      ok: false,
      failure: { question, kind, message, server: this.label, elapsedMs: performance.now() - started },
    });
    const channel = await this.connection();
    if (typeof channel === "string") return fail("network", channel);
    if (this.pending.size >= MAX_IN_FLIGHT) return fail("network", `more than ${MAX_IN_FLIGHT} questions in flight`);
    const id = this.allocateId();
    const message = encodeQuery(id, question, { recursionDesired: this.options.recursionDesired ?? true });
    const framed = new Uint8Array(message.length + 2);
    new DataView(framed.buffer).setUint16(0, message.length);
    framed.set(message, 2);
    const timeoutMs = this.options.timeoutMs ?? 2500;
    return new Promise<DnsLookup>((resolve) => {
      const done = (lookup: DnsLookup) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.pending.delete(id);
        resolve(lookup);
      };
      const timer = setTimeout(() => done(fail("timeout", `no answer within ${timeoutMs} ms`)), timeoutMs);
      const onAbort = () => done(fail("timeout", "query aborted"));
      signal?.addEventListener("abort", onAbort, { once: true });
      this.pending.set(id, { question, started, settle: done });
      channel.write(framed).catch((error: unknown) => done(fail("network", String(error))));
    });
  }

  close(): void {
    const channel = this.channel;
    this.channel = undefined;
    void channel?.then((c) => typeof c !== "string" && c.close());
  }

  private connection(): Promise<ByteChannel | string> {
    this.channel ??= this.open();
    return this.channel;
  }

  private async open(): Promise<ByteChannel | string> {
    const { address, port } = this.options.server;
    const server: ProbeTarget = { transport: "tcp", host: address, address, port, sipDomain: address };
    const deadline = new ProbeDeadline({ timeoutMs: this.options.timeoutMs ?? 2500 });
    try {
      const connection = await openTcp(server, deadline);
      if (!connection.ok) {
        this.channel = undefined;
        return connection.error;
      }
      this.buffer = new Uint8Array(0);
      connection.channel.listen(
        (chunk) => this.receive(chunk),
        (error) => this.lost(error ? String(error) : `${this.label} closed the connection`),
      );
      return connection.channel;
    } finally {
      deadline.dispose();
    }
  }

  /** RFC 7766 8: each message is preceded by its length in two bytes; answers may arrive in any order. */
  private receive(chunk: Uint8Array): void {
    this.buffer = concatBytes([this.buffer, chunk]);
    while (this.buffer.length >= 2) {
      const length = ((this.buffer[0] ?? 0) << 8) | (this.buffer[1] ?? 0);
      if (this.buffer.length < 2 + length) return;
      const message = this.buffer.slice(2, 2 + length);
      this.buffer = this.buffer.subarray(2 + length);
      const id = ((message[0] ?? 0) << 8) | (message[1] ?? 0);
      const waiting = this.pending.get(id);
      if (!waiting) continue; // a late answer to a question that timed out
      const decoded = decodeResponse(message, waiting.question, id);
      const elapsedMs = performance.now() - waiting.started;
      if (!decoded.ok) {
        const failure = { question: waiting.question, kind: decoded.kind, message: decoded.message };
        waiting.settle({ ok: false, failure: { ...failure, server: this.label, elapsedMs } });
      } else waiting.settle({ ok: true, answer: { ...decoded.answer, server: this.label, elapsedMs } });
    }
  }

  /** The connection ended: every question still waiting fails, the next one reconnects. */
  private lost(reason: string): void {
    this.channel = undefined;
    for (const [, waiting] of this.pending) {
      waiting.settle({
        ok: false,
        failure: { question: waiting.question, kind: "network", message: reason, server: this.label, elapsedMs: 0 },
      });
    }
  }

  private allocateId(): number {
    do this.nextId = (this.nextId + 1) & 0xffff;
    while (this.pending.has(this.nextId));
    return this.nextId;
  }
}
