import {
  failure,
  ProbeDeadline,
  type ProbeOptions,
  type ProbeTarget,
  type SipOptionsProber,
  type SipOptionsResult,
  type Transport,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { streamOptions } from "./sip-stream-options";
import { webSocketOptions } from "./sip-ws-options";
import { openTcp } from "./tcp-connect";
import { openTls } from "./tls-session";
import type { TlsSessionShelf } from "./tls-session-shelf";

export interface WorkersSipOptionsProberOptions {
  /** HTTP path of the WebSocket endpoint: RFC 7118 leaves it to the server; "/" by default. */
  webSocketPath?: string;
  /** Sessions the TLS prober left open: SIP over TLS reuses them instead of a second handshake. */
  shelf?: TlsSessionShelf;
  /**
   * A REGISTER follows on each TLS target (the monitor has a test account): the session goes
   * back on the shelf after OPTIONS, and the REGISTER flow takes it (sip-flow-opener.ts).
   */
  keepTlsForRegister?: boolean;
}

type Opened = { ok: true; channel: ByteChannel } | { ok: false; result: SipOptionsResult };

/**
 * SIP OPTIONS from the edge over TCP, TLS, WS and WSS. Workers have no UDP (the agent probes
 * UDP). TLS here only carries SIP: the certificate is the TLS prober's subject, so a bad one
 * does not stop the question "does SIP answer?".
 */
export class WorkersSipOptionsProber implements SipOptionsProber {
  readonly transports: readonly Transport[] = ["tcp", "tls", "ws", "wss"];

  constructor(private readonly settings: WorkersSipOptionsProberOptions = {}) {}

  async options(target: ProbeTarget, options: ProbeOptions): Promise<SipOptionsResult> {
    const deadline = new ProbeDeadline(options);
    try {
      const { transport } = target;
      if (transport !== "tcp" && transport !== "tls" && transport !== "ws" && transport !== "wss")
        return failure(
          target,
          "error",
          `transport ${transport} cannot be probed from Cloudflare Workers (no UDP or SCTP)`,
        );
      const parked = transport === "tls" ? this.settings.shelf?.take(target) : undefined;
      const opened: Opened = parked
        ? { ok: true, channel: parked }
        : await open(target, transport === "tls" || transport === "wss", deadline);
      if (!opened.ok) return opened.result;
      const { shelf, keepTlsForRegister } = this.settings;
      const keep =
        transport === "tls" && shelf && keepTlsForRegister
          ? (channel: ByteChannel) => shelf.put(target, channel)
          : undefined;
      if (transport === "tcp" || transport === "tls")
        return await streamOptions(target, transport, opened.channel, deadline, keep);
      return await webSocketOptions(target, transport, opened.channel, deadline, this.settings.webSocketPath);
    } finally {
      deadline.dispose();
    }
  }
}

async function open(target: ProbeTarget, secure: boolean, deadline: ProbeDeadline): Promise<Opened> {
  if (!secure) {
    const tcp = await openTcp(target, deadline);
    return tcp.ok ? { ok: true, channel: tcp.channel } : { ok: false, result: failure(target, tcp.outcome, tcp.error) };
  }
  const tls = await openTls(target, deadline);
  if (tls.ok) return { ok: true, channel: tls.channel };
  // "not-tls" is the TLS prober's finding; for SIP it is a handshake that did not happen.
  const outcome = tls.outcome === "not-tls" ? "handshake-failed" : tls.outcome;
  return { ok: false, result: failure(target, outcome, tls.error) };
}
