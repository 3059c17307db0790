import type { ProbeOptions, ProbeTarget, SipOptionsResult, TlsProbeResult, TransportCrossCheck } from "../probe/types";
import type { Probers } from "./run-probes";

/** What the advertised transport met when the server sent not one byte back. */
export type NothingBack = TransportCrossCheck["met"];

/**
 * A ClientHello that drew no byte at all once TCP had connected: silence until the deadline,
 * or a close. A TLS server that refuses a client sends an alert first (RFC 8446 6.2), so this
 * is the sign of a listener speaking something else; Kamailio's plain TCP listener, for one,
 * waits for a SIP message that never comes. Null when the server said anything, or TCP failed.
 * `tlsMetNothing({ outcome: "timeout", connectMs: 1, serverBytes: 0, ... }) === "silence"`.
 */
export function tlsMetNothing(tls: TlsProbeResult): NothingBack | null {
  if (tls.connectMs === undefined || tls.serverBytes !== 0) return null;
  if (tls.outcome === "timeout") return "silence";
  if (tls.outcome === "reset" || tls.outcome === "handshake-failed") return "close";
  return null;
}

/**
 * Plain OPTIONS on a TCP port that connected and then gave nothing back: silence, or a close
 * without a byte (what Kamailio's and Node's TLS listeners do with plaintext). A TLS alert in
 * answer is read by the rules as it is; it needs no second look.
 */
export function optionsMetNothing(sip: SipOptionsResult): NothingBack | null {
  if (sip.outcome === "timeout") return "silence";
  if (sip.outcome === "reset") return "close";
  return null;
}

/**
 * Speaks the other transport to the target's (address, port) within `timeoutMs` in all:
 * plain SIP OPTIONS over TCP when the target is TLS; a TLS handshake, then OPTIONS inside it,
 * when the target is TCP. One connection at a time, so a probe slot never holds two. The
 * OPTIONS after a completed handshake always runs: at the edge it takes over the session the
 * TLS prober parked, which would otherwise stay open until the audit ends.
 */
export async function crossCheckTransport(
  target: ProbeTarget,
  met: NothingBack,
  probers: Probers,
  options: ProbeOptions,
): Promise<TransportCrossCheck | undefined> {
  const endsAt = performance.now() + options.timeoutMs;
  const within = (): ProbeOptions => ({
    timeoutMs: Math.max(0, Math.round(endsAt - performance.now())),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const speaks = (transport: "tcp" | "tls") => probers.sip.transports.includes(transport);
  if (target.transport === "tls") {
    if (!speaks("tcp")) return undefined;
    const plain: ProbeTarget = { ...target, transport: "tcp" };
    return { met, spoke: "tcp", sip: await probers.sip.options(plain, within()) };
  }
  if (target.transport !== "tcp") return undefined;
  const secure: ProbeTarget = { ...target, transport: "tls" };
  const check: TransportCrossCheck = { met, spoke: "tls", tls: await probers.tls.probe(secure, within()) };
  if (check.tls?.outcome === "connected" && speaks("tls")) check.sip = await probers.sip.options(secure, within());
  return check;
}
