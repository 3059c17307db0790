import { randomInt } from "node:crypto";
import dgram from "node:dgram";
import net from "node:net";
import type { DnsFailureKind, DnsLookup, DnsQuestion, DnsResolver } from "@sipwatch/core";
import {
  concatBytes,
  decodeResponse,
  EDNS_UDP_SIZE,
  encodeQuery,
  formatHostPort,
  MAX_DNS_MESSAGE,
} from "@sipwatch/core";

export interface DnsServer {
  host: string;
  port: number;
}

export interface UdpTcpResolverOptions {
  servers: readonly DnsServer[];
  /** Per attempt, UDP and TCP each. */
  timeoutMs?: number;
  /** Passes over the server list. */
  rounds?: number;
  /** false when the servers are authoritative (RD=0, as dig +norec). */
  recursionDesired?: boolean;
  /** Skip UDP (as `dig +tcp`): for servers behind UDP-hostile paths, and to test the TCP path. */
  tcpOnly?: boolean;
  label?: string;
}

type Attempt = { ok: true; lookup: DnsLookup } | { ok: false; kind: DnsFailureKind; message: string };

/**
 * Classic DNS from Node: UDP with EDNS0, retried over TCP when the answer is truncated
 * (RFC 7766 framing). Answers with a wrong id or question are ignored while waiting (spoofing
 * and stray packets), and each attempt is bounded in time and bytes.
 */
export class UdpTcpResolver implements DnsResolver {
  readonly label: string;
  private readonly timeoutMs: number;
  private readonly rounds: number;

  constructor(private readonly options: UdpTcpResolverOptions) {
    if (options.servers.length === 0) throw new Error("UdpTcpResolver needs at least one server");
    this.label = options.label ?? `dns:${options.servers.map(formatServer).join(",")}`;
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.rounds = Math.max(1, options.rounds ?? 2);
  }

  async query(question: DnsQuestion, signal?: AbortSignal): Promise<DnsLookup> {
    const started = performance.now();
    let last: { kind: DnsFailureKind; message: string; server: string } = {
      kind: "timeout",
      message: "aborted",
      server: this.label,
    };
    for (let round = 0; round < this.rounds; round++) {
      for (const server of this.options.servers) {
        if (signal?.aborted) break;
        const attempt = await this.askServer(server, question, signal);
        if (attempt.ok) return attempt.lookup;
        last = { kind: attempt.kind, message: attempt.message, server: formatServer(server) };
      }
    }
    return { ok: false, failure: { question, ...last, elapsedMs: performance.now() - started } };
  }

  private async askServer(server: DnsServer, question: DnsQuestion, signal?: AbortSignal): Promise<Attempt> {
    if (this.options.tcpOnly) {
      const tcp = await this.exchange("tcp", server, question, signal);
      return tcp.ok ? { ok: true, lookup: tcp.lookup } : tcp;
    }
    const udp = await this.exchange("udp", server, question, signal);
    if (!udp.ok || !udp.truncated) return udp.ok ? { ok: true, lookup: udp.lookup } : udp;
    // TC=1 (RFC 1035 4.2.1): the full answer only comes over TCP.
    const tcp = await this.exchange("tcp", server, question, signal);
    return tcp.ok ? { ok: true, lookup: tcp.lookup } : tcp;
  }

  private exchange(
    protocol: "udp" | "tcp",
    server: DnsServer,
    question: DnsQuestion,
    signal?: AbortSignal,
  ): Promise<(Attempt & { ok: false }) | { ok: true; lookup: DnsLookup; truncated: boolean }> {
    const id = randomInt(0, 0x10000);
    const query = encodeQuery(id, question, {
      recursionDesired: this.options.recursionDesired ?? true,
      ...(protocol === "udp" ? { ednsUdpSize: EDNS_UDP_SIZE } : {}),
    });
    const started = performance.now();
    const where = `${protocol}://${formatServer(server)}`;
    return new Promise((resolve) => {
      let settled = false;
      let lastProblem: { kind: DnsFailureKind; message: string } | undefined;
      const cleanups: Array<() => void> = [];
      const finish = (result: Awaited<ReturnType<UdpTcpResolver["exchange"]>>) => {
        if (settled) return;
        settled = true;
        for (const cleanup of cleanups) cleanup();
        resolve(result);
      };
      const fail = (kind: DnsFailureKind, message: string) =>
        finish({ ok: false, kind, message: `${where}: ${message}` });
      const onMessage = (bytes: Uint8Array) => {
        const decoded = decodeResponse(bytes, question, id);
        if (!decoded.ok) {
          // Keep listening: a stray or spoofed packet must not end the wait for the real answer.
          lastProblem = { kind: decoded.kind, message: decoded.message };
          return protocol === "tcp" ? fail(decoded.kind, decoded.message) : undefined;
        }
        finish({
          ok: true,
          truncated: decoded.truncated,
          lookup: { ok: true, answer: { ...decoded.answer, server: where, elapsedMs: performance.now() - started } },
        });
      };
      const timer = setTimeout(() => {
        if (lastProblem) fail(lastProblem.kind, `${lastProblem.message} (no valid answer within ${this.timeoutMs} ms)`);
        else fail("timeout", `no answer within ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      cleanups.push(() => clearTimeout(timer));
      const onAbort = () => fail("timeout", "query aborted");
      signal?.addEventListener("abort", onAbort);
      cleanups.push(() => signal?.removeEventListener("abort", onAbort));

      if (protocol === "udp") {
        const socket = dgram.createSocket(net.isIPv6(server.host) ? "udp6" : "udp4");
        cleanups.push(() => socket.close());
        socket.on("error", (error) => fail("network", error.message));
        socket.on("message", (message, remote) => {
          if (remote.port === server.port) onMessage(message);
        });
        socket.send(query, server.port, server.host);
      } else {
        const socket = net.connect({ host: server.host, port: server.port });
        cleanups.push(() => socket.destroy());
        socket.on("error", (error) => fail("network", error.message));
        socket.on("connect", () => {
          const frame = new Uint8Array(2 + query.length);
          new DataView(frame.buffer).setUint16(0, query.length);
          frame.set(query, 2);
          socket.write(frame);
        });
        const chunks: Uint8Array[] = [];
        let received = 0;
        let expected: number | undefined;
        socket.on("data", (chunk: Uint8Array) => {
          // RFC 7766 8: a 2-byte length, then the message; never hold more than one message.
          chunks.push(chunk);
          received += chunk.length;
          if (received > 2 + MAX_DNS_MESSAGE) return fail("too-large", "TCP stream exceeds one DNS message");
          if (received < 2) return;
          if (expected === undefined) {
            const head = concatBytes(chunks, received);
            chunks.splice(0, chunks.length, head);
            expected = 2 + new DataView(head.buffer, head.byteOffset).getUint16(0);
          }
          if (received >= expected) onMessage(concatBytes(chunks, received).subarray(2, expected));
        });
        socket.on("end", () => fail("network", "connection closed before a full answer"));
      }
    });
  }
}

export function formatServer(server: DnsServer): string {
  return formatHostPort(server.host, server.port);
}
