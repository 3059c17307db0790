import type { RegistrationResult } from "../register/types";
import type { Transport } from "../sip/types";
import type { ChainVerification } from "../tls/chain";
import type { CertificateInfo } from "../tls/types";

/** One (transport, address, port) to probe, with the names its certificate should carry. */
export interface ProbeTarget {
  transport: Transport;
  /** The host name DNS gave (SRV target or domain); SNI is set to it (RFC 5922 7.2 / RFC 6066). */
  host: string;
  address: string;
  port: number;
  /** The SIP domain the user dialled: RFC 5922 7.2 wants it in the certificate of SRV-found servers. */
  sipDomain: string;
}

export interface ProbeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** How a connection attempt ended; a customer-side failure is a value, never a thrown error. */
export type ConnectOutcome = "connected" | "refused" | "timeout" | "reset" | "unreachable" | "error";

export interface TcpProbeResult {
  target: ProbeTarget;
  outcome: ConnectOutcome;
  connectMs?: number;
  error?: string;
}

export type TlsOutcome = ConnectOutcome | "handshake-failed" | "not-tls";

export interface TlsProbeResult {
  target: ProbeTarget;
  outcome: TlsOutcome;
  connectMs?: number;
  handshakeMs?: number;
  /** "TLSv1.3", "TLSv1.2". */
  version?: string;
  cipher?: string;
  alpn?: string;
  /** As the server sent it, leaf first. */
  chain: CertificateInfo[];
  /** Whether a standard verifying client (public roots, or the configured CA) accepts chain and name. */
  verification?: ChainVerification;
  /** Versions below TLS 1.2 the server still completes a handshake with. */
  legacyVersionsAccepted?: string[];
  /** Bytes read before the handshake failed, when the peer spoke something else (plaintext SIP on a TLS port). */
  firstBytes?: string;
  /**
   * Bytes the server sent before the handshake failed. 0 means it stayed silent or closed
   * without a word: a TLS server that refuses says why in an alert, so a listener that sends
   * nothing at all may speak another protocol (see TransportCrossCheck).
   */
  serverBytes?: number;
  error?: string;
}

export interface SipResponseInfo {
  status: number;
  reason: string;
  server?: string;
  userAgent?: string;
  allow: string[];
  supported: string[];
  /** From the top Via: what the server saw as our address (RFC 3581). */
  viaReceived?: string;
  viaRport?: number;
  contact: string[];
  recordRoute: string[];
  /** Size of the whole response (start line, headers, body). */
  bytes: number;
  /** Lower-cased header name -> values, in order. */
  headers: Record<string, string[]>;
}

export type SipOptionsOutcome =
  | "answered"
  | "refused"
  | "timeout"
  | "reset"
  | "malformed"
  | "too-large"
  | "handshake-failed"
  | "upgrade-failed"
  | "unreachable"
  | "error";

export interface SipOptionsResult {
  target: ProbeTarget;
  outcome: SipOptionsOutcome;
  /** From sending the request to the final response. */
  rttMs?: number;
  /** UDP: how many times the request went out (RFC 3261 17.1.2.2 Timer E retransmissions). */
  transmissions?: number;
  response?: SipResponseInfo;
  /** WSS: what the upgrade answered. */
  upgradeStatus?: number;
  error?: string;
}

/** Ports: each runtime (Node agent, Workers edge) supplies adapters. */
export interface TcpDialer {
  dial(target: ProbeTarget, options: ProbeOptions): Promise<TcpProbeResult>;
}

export interface TlsProber {
  probe(target: ProbeTarget, options: ProbeOptions): Promise<TlsProbeResult>;
}

export interface SipOptionsProber {
  /** Which transports this runtime can probe (the edge has no UDP). */
  readonly transports: readonly Transport[];
  options(target: ProbeTarget, options: ProbeOptions): Promise<SipOptionsResult>;
}

/**
 * The same (address, port) spoken to in the other transport, because the advertised one met
 * silence or a close without a byte, which is how SIP servers (Kamailio, for one) treat a
 * client speaking the wrong transport: plain SIP OPTIONS over TCP on a TLS port, a TLS
 * ClientHello (then OPTIONS inside TLS) on a TCP port.
 */
export interface TransportCrossCheck {
  /** What the advertised transport met: no byte before the probe's deadline, or a close (FIN or RST) without one. */
  met: "silence" | "close";
  /** The transport spoken instead. */
  spoke: "tcp" | "tls";
  /** The ClientHello, when `spoke` is TLS. */
  tls?: TlsProbeResult;
  /** OPTIONS in the transport spoken: over plain TCP, or inside the TLS session when the handshake completed. */
  sip?: SipOptionsResult;
}

/** Everything probed for one target address, joined for the rules and the simulation. */
export interface TargetProbes {
  target: ProbeTarget;
  tcp?: TcpProbeResult;
  tls?: TlsProbeResult;
  sip?: SipOptionsResult;
  /** Set when the advertised transport met silence or a close and the other one was tried there. */
  crossCheck?: TransportCrossCheck;
  /** REGISTER with the monitor's test account, when it has one (core/src/register). */
  register?: RegistrationResult;
  /** Set when a probe policy refused to probe the target (the edge's SSRF guard); nothing was sent. */
  skipped?: { reason: string; scope: string };
  /** The test account's outbound proxy, sent only REGISTER (audit/register-via-proxy.ts), not a registrar target. */
  outboundProxy?: true;
}
