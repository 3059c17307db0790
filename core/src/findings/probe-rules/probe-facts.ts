import type { ProbeTarget, TargetProbes } from "../../probe/types";
import { formatHostPort } from "../../sip/host-port";
import { isSecure, TRANSPORT_LABEL } from "../../sip/transports";
import type { Candidate, SipResolution, Transport } from "../../sip/types";
import { SEVERITY_RANK, type Severity } from "../types";
import { type CrossCheckAnswer, crossCheckAnswer } from "./cross-check-facts";

/** Probe results for one (transport, host, port): the unit a finding's subject names. */
export interface Endpoint {
  /** "tls sip1.example.com:5061" */
  subject: string;
  transport: Transport;
  host: string;
  port: number;
  sipDomain: string;
  /** One per address of the host, in probe order. */
  probes: TargetProbes[];
}

/** The rules' name for the shared formatter. */
export const hostPort = formatHostPort;

/** `"tls sip1.example.com:5061"`, `"udp [2001:db8::1]:5060"`. */
export function endpointSubject(target: ProbeTarget): string {
  return `${target.transport} ${hostPort(target.host, target.port)}`;
}

export function transportName(transport: Transport): string {
  return TRANSPORT_LABEL[transport];
}

/** Groups the probed targets by transport, host and port, keeping the first-seen order. */
export function endpointsOf(probes: readonly TargetProbes[]): Endpoint[] {
  const byKey = new Map<string, Endpoint>();
  for (const probe of probes) {
    if (!wasProbed(probe)) continue;
    const { target } = probe;
    const subject = endpointSubject(target);
    const endpoint = byKey.get(subject) ?? {
      subject,
      transport: target.transport,
      host: target.host,
      port: target.port,
      sipDomain: target.sipDomain,
      probes: [],
    };
    endpoint.probes.push(probe);
    byKey.set(subject, endpoint);
  }
  return [...byKey.values()];
}

export function wasProbed(probe: TargetProbes): boolean {
  return probe.tcp !== undefined || probe.tls !== undefined || probe.sip !== undefined || probe.register !== undefined;
}

/** Connection-oriented transports a TCP connect precedes. */
export function overTcp(transport: Transport): boolean {
  return transport === "tcp" || transport === "tls" || transport === "ws" || transport === "wss";
}

const CONNECT_FAILURES: ReadonlySet<string> = new Set(["refused", "timeout", "unreachable"]);

export interface ConnectFailure {
  outcome: string;
  probe: "tcp" | "tls" | "sip";
  error?: string;
}

/**
 * The TCP connection itself failed. The first probe that tried to connect decides; a TLS probe
 * that reports connectMs got past the TCP handshake, so its timeout belongs to TLS. For WS/WSS
 * only the SIP probe connects, and its timeout cannot tell connect from answer: it counts here.
 */
export function connectFailure(probe: TargetProbes): ConnectFailure | null {
  if (!overTcp(probe.target.transport)) return null;
  const first = probe.tcp ?? probe.tls ?? probe.sip;
  if (!first || !CONNECT_FAILURES.has(first.outcome)) return null;
  if (first === probe.tls && probe.tls.connectMs !== undefined) return null;
  const name = first === probe.tcp ? "tcp" : first === probe.tls ? "tls" : "sip";
  return { outcome: first.outcome, probe: name, ...(first.error ? { error: first.error } : {}) };
}

/** "SIP", "HTTP" or "plaintext" when bytes read on a TLS port are readable text; null for binary. */
export function plaintextKind(text: string | undefined): "SIP" | "HTTP" | "plaintext" | null {
  // Adapters print unreadable bytes as "\\x16"-style escapes: binary, not text.
  if (!text || /^\\x[0-9a-f]{2}/i.test(text)) return null;
  if (/^SIP\/2\.0\s|^[A-Z]+ sips?:/i.test(text)) return "SIP";
  if (/^HTTP\/\d|^(GET|POST|HEAD|PUT|OPTIONS) \//.test(text)) return "HTTP";
  if (/^[ -~\r\n\t]{4,}/.test(text)) return "plaintext";
  return null;
}

// OpenSSL reads "SIP/" or "HTTP" as a TLS record header and complains about its version or length.
const PLAINTEXT_HANDSHAKE_ERROR =
  /wrong version number|WRONG_VERSION_NUMBER|http request|packet length too long|unknown protocol/i;

export interface TransportMismatch {
  kind: "plaintext-on-tls-port" | "tls-on-plaintext-port";
  /** What gave it away, for the evidence. */
  sign: string;
  /** Found actively: the other transport answered after the advertised one met silence or a close. */
  crossCheck?: CrossCheckAnswer;
}

/**
 * The listener speaks another protocol than DNS advertises. On a TLS (or WSS) port: the TLS
 * probe says "not-tls", or the handshake failed after readable bytes (firstBytes) or with
 * OpenSSL's "wrong version number". On a TCP (or WS) port: a TLS handshake completed there, or
 * the plaintext OPTIONS drew an answer the SIP reader rejected and that names TLS or starts with
 * a TLS record header (0x15 alert or 0x16 handshake, then 0x03). Real SIP servers mostly give
 * neither sign (they stay silent or close), so the cross-check's answer counts too: plain SIP
 * over TCP answering on the TLS port, TLS completing on the TCP port.
 */
export function transportMismatch(probe: TargetProbes): TransportMismatch | null {
  const answer = crossCheckAnswer(probe);
  if (answer) return { kind: answer.kind, sign: `${answer.answered} answers (${answer.answer})`, crossCheck: answer };
  const { tls, sip, target } = probe;
  if (target.transport === "tls" || target.transport === "wss") {
    if (tls?.outcome === "not-tls") {
      const kind = plaintextKind(tls.firstBytes);
      return { kind: "plaintext-on-tls-port", sign: kind ? `answered in ${kind}` : "answered without TLS" };
    }
    if (tls?.outcome === "handshake-failed") {
      const kind = plaintextKind(tls.firstBytes);
      if (kind) return { kind: "plaintext-on-tls-port", sign: `answered in ${kind}` };
      if (PLAINTEXT_HANDSHAKE_ERROR.test(tls.error ?? ""))
        return { kind: "plaintext-on-tls-port", sign: tls.error ?? "" };
    }
    if (!tls && sip?.outcome === "handshake-failed" && PLAINTEXT_HANDSHAKE_ERROR.test(sip.error ?? "")) {
      return { kind: "plaintext-on-tls-port", sign: sip.error ?? "" };
    }
    return null;
  }
  if (target.transport === "tcp" || target.transport === "ws") {
    if (tls?.outcome === "connected") return { kind: "tls-on-plaintext-port", sign: "a TLS handshake completed" };
    if (sip && sip.outcome !== "answered" && looksLikeTls(sip.error)) {
      return { kind: "tls-on-plaintext-port", sign: sip.error ?? "" };
    }
  }
  return null;
}

function looksLikeTls(error: string | undefined): boolean {
  if (!error) return false;
  if (/\bTLS\b|\bSSL\b/i.test(error)) return true;
  // The SIP reader quotes the start of what it could not parse, raw or JSON-escaped.
  return ["\u0015\u0003", "\u0016\u0003", "\\u0015\\u0003", "\\u0016\\u0003"].some((record) => error.includes(record));
}

export interface HandshakeFailure {
  probe: "tls" | "sip";
  outcome: string;
  error?: string;
  connectMs?: number;
}

/** TCP connected on a TLS or WSS port and TLS did not finish (failed, reset or timed out), speaking TLS all the same. */
export function handshakeFailure(probe: TargetProbes): HandshakeFailure | null {
  const { tls, sip, target } = probe;
  if (!isSecure(target.transport) || transportMismatch(probe)) return null;
  const detail = (result: { outcome: string; error?: string; connectMs?: number }, name: "tls" | "sip") => ({
    probe: name,
    outcome: result.outcome,
    ...(result.error ? { error: result.error } : {}),
    ...(result.connectMs !== undefined ? { connectMs: result.connectMs } : {}),
  });
  if (tls) {
    if (tls.outcome === "handshake-failed") return detail(tls, "tls");
    const afterConnect = tls.connectMs !== undefined && (tls.outcome === "timeout" || tls.outcome === "reset");
    return afterConnect ? detail(tls, "tls") : null;
  }
  return sip?.outcome === "handshake-failed" ? detail(sip, "sip") : null;
}

/** The WebSocket endpoint refused to upgrade (RFC 7118 needs `Sec-WebSocket-Protocol: sip`). */
export function upgradeFailure(probe: TargetProbes): { upgradeStatus?: number; error?: string } | null {
  const { sip, target } = probe;
  if ((target.transport !== "ws" && target.transport !== "wss") || sip?.outcome !== "upgrade-failed") return null;
  return {
    ...(sip.upgradeStatus !== undefined ? { upgradeStatus: sip.upgradeStatus } : {}),
    ...(sip.error ? { error: sip.error } : {}),
  };
}

/** No SIP answer over UDP: silence (timeout), or ICMP port/host unreachable. */
export function udpSilence(probe: TargetProbes): { outcome: string; transmissions?: number } | null {
  const { sip, target } = probe;
  if (target.transport !== "udp" || !sip || !CONNECT_FAILURES.has(sip.outcome)) return null;
  return { outcome: sip.outcome, ...(sip.transmissions !== undefined ? { transmissions: sip.transmissions } : {}) };
}

export type TargetFailure = "unreachable" | "mismatch" | "handshake-failed" | "upgrade-failed" | "no-response";

/** Why a phone cannot use this target for its transport at all, or null when it can get through. */
export function targetFailure(probe: TargetProbes): TargetFailure | null {
  if (connectFailure(probe)) return "unreachable";
  if (transportMismatch(probe)) return "mismatch";
  if (handshakeFailure(probe)) return "handshake-failed";
  if (upgradeFailure(probe)) return "upgrade-failed";
  if (udpSilence(probe)) return "no-response";
  return null;
}

/**
 * Critical when no probed target of the transport works, whatever the reasons (one refused,
 * one failing TLS): clients that chose the transport have nowhere to go. Warning otherwise:
 * they get through after a failover, often after a timeout.
 */
export function failureSeverity(probes: readonly TargetProbes[], transport: Transport): Severity {
  const probed = probes.filter((p) => p.target.transport === transport && wasProbed(p));
  return probed.length > 0 && probed.every((p) => targetFailure(p) !== null) ? "critical" : "warning";
}

export function mostSevere(severities: readonly Severity[]): Severity {
  return severities.reduce<Severity>((worst, s) => (SEVERITY_RANK[s] > SEVERITY_RANK[worst] ? s : worst), "info");
}

/** How DNS led to this target: the candidate a strict client would use, if any. */
export function candidateFor(resolution: SipResolution, target: ProbeTarget): Candidate | undefined {
  return resolution.candidates.find(
    (c) => c.transport === target.transport && c.address === target.address && c.port === target.port,
  );
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function listText(items: readonly string[]): string {
  return items.join(", ");
}
