import {
  ProbeDeadline,
  type ProbeOptions,
  type ProbeTarget,
  randomToken,
  type SipFlow,
  type SipFlowOpener,
  type SipFlowOpenResult,
  type Transport,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { connectOutcomeOf, errorMessage } from "./socket-errors";
import { openTcp } from "./tcp-connect";
import { openTls } from "./tls-session";
import type { TlsSessionShelf } from "./tls-session-shelf";
import { openWebSocketMessages } from "./websocket-messages";

type CloseListener = Parameters<SipFlow["onClose"]>[0];

/**
 * Flows for core's REGISTER probe from the edge: TCP and TLS over `cloudflare:sockets` (TLS in
 * TypeScript, certificate checks left to the TLS prober), and SIP over secure WebSocket
 * (RFC 7118) on that TLS. No UDP at the edge: the agent registers over UDP.
 */
export class WorkersSipFlowOpener implements SipFlowOpener {
  readonly transports: readonly Transport[] = ["tcp", "tls", "wss"];

  /** `shelf`: the TLS session OPTIONS just used for this target, so REGISTER costs no second handshake. */
  constructor(
    private readonly webSocketPath = "/",
    private readonly shelf?: TlsSessionShelf,
  ) {}

  async open(target: ProbeTarget, options: ProbeOptions): Promise<SipFlowOpenResult> {
    const deadline = new ProbeDeadline(options);
    try {
      if (target.transport === "tcp") {
        const tcp = await openTcp(target, deadline);
        return tcp.ok ? { ok: true, flow: streamFlow("tcp", tcp.channel) } : tcp;
      }
      if (target.transport !== "tls" && target.transport !== "wss")
        return {
          ok: false,
          outcome: "error",
          error: `transport ${target.transport} cannot register from Cloudflare Workers`,
        };
      const parked = target.transport === "tls" ? this.shelf?.take(target) : undefined;
      if (parked) return { ok: true, flow: streamFlow("tls", parked) };
      const tls = await openTls(target, deadline);
      if (!tls.ok)
        return {
          ok: false,
          outcome: tls.outcome === "not-tls" ? "handshake-failed" : tls.outcome,
          error: tls.error,
        };
      if (target.transport === "tls") return { ok: true, flow: streamFlow("tls", tls.channel) };
      return await openWebSocketMessages(target, tls.channel, deadline, this.webSocketPath);
    } finally {
      deadline.dispose();
    }
  }
}

/** What the edge puts in Via and Contact: it takes no calls, so a name that resolves nowhere (RFC 6761, RFC 7118 5.2). */
export const edgeLocal = () => ({ address: `${randomToken(6)}.invalid` });

/** A SIP flow over a byte stream (TCP, or TLS's plaintext side); core frames the responses. */
export function streamFlow(transport: "tcp" | "tls", channel: ByteChannel): SipFlow {
  let onClose: CloseListener | undefined;
  let ended: Parameters<CloseListener>[0] | undefined;
  // The channel may report its end while core is still registering listeners: kept until onClose.
  const end = (error?: unknown) => {
    if (ended) return;
    ended = error
      ? { outcome: connectOutcomeOf(error), error: errorMessage(error) }
      : { outcome: "reset", error: "closed by the server" };
    onClose?.(ended);
  };
  return {
    transport,
    local: edgeLocal(),
    send: (message) => void channel.write(new TextEncoder().encode(message)).catch(end),
    onData: (listener) => channel.listen(listener, end),
    onClose: (listener) => {
      onClose = listener;
      if (ended) listener(ended);
    },
    close: () => {
      ended ??= { outcome: "reset", error: "closed" };
      channel.close();
    },
  };
}
