import type { ConnectOutcome, ProbeOptions, ProbeTarget } from "../probe/types";
import type { Transport } from "../sip/types";

/**
 * A test account to register with. The password stays in this object: the probe never copies
 * it into a result, an error or a log line, only into the digest it hashes.
 */
export interface RegisterCredentials {
  /** The user part of the address of record (To/From): "alice" in sip:alice@example.com. */
  user: string;
  /** The domain of the address of record; the target's SIP domain when absent. */
  domain?: string;
  /** The digest username, when the registrar wants another than `user` (RFC 3261 22.4). */
  authUser?: string;
  password: string;
}

/** What the probe asks for and how long it may take. */
export interface RegisterProbeOptions extends ProbeOptions {
  credentials: RegisterCredentials;
  /** Expires to ask for (RFC 3261 10.2.1); 300 s by default, and the binding is removed right after. */
  expiresS?: number;
  /**
   * Set when `target` is the account's outbound proxy rather than the registrar: every request
   * carries this Route (outbound-proxy.ts `proxyRoute`), the Request-URI stays the registrar's domain.
   */
  route?: string;
}

/**
 * One connected SIP flow (a connected UDP socket, a TCP connection, a TLS session) that the
 * REGISTER probe writes requests to and reads responses from. Each runtime supplies it; core
 * frames, matches and retransmits, so a fake flow tests the whole exchange.
 */
export interface SipFlow {
  readonly transport: Transport;
  /**
   * Our end as the socket sees it, for Via sent-by and Contact. The edge cannot take calls and
   * gives an RFC 6761 `.invalid` name without a port, as RFC 7118 5.2 does for WebSocket clients.
   */
  readonly local: { address: string; port?: number };
  send(message: string): void;
  /** Each chunk of a stream, or each datagram. */
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Once, when the peer closes or the socket fails; `error` is the socket's own words. */
  onClose(listener: (ended: { outcome: ConnectOutcome | "reset"; error: string }) => void): void;
  close(): void;
}

export type SipFlowOpenResult =
  | { ok: true; flow: SipFlow }
  | { ok: false; outcome: ConnectOutcome | "handshake-failed"; error: string };

/** Port: opens a flow to a target (the agent: UDP, TCP, TLS; the edge later: TCP, TLS, WSS). */
export interface SipFlowOpener {
  readonly transports: readonly Transport[];
  open(target: ProbeTarget, options: ProbeOptions): Promise<SipFlowOpenResult>;
}

/** How a registration attempt ended; every registrar behaviour is a value, never a thrown error. */
export type RegisterOutcome =
  /** 200 OK listing our binding. */
  | "registered"
  /** The registrar challenged again after our answer without saying the nonce was stale (RFC 3261 22.2). */
  | "credentials-rejected"
  /** More challenges than a phone would answer (stale nonces every time, or realm after realm). */
  | "challenge-loop"
  /** Challenged with a scheme or algorithm we cannot answer (not Digest, or AKA). */
  | "unsupported-challenge"
  /** A final 3xx-6xx other than a challenge: see `status`. */
  | "refused"
  /** 423 again after retrying with the registrar's Min-Expires. */
  | "interval-too-brief"
  /** 200 OK without our Contact (RFC 3261 10.3 step 8 says to list every current binding). */
  | "no-contact-in-200"
  | "timeout"
  | "connection-refused"
  | "reset"
  | "unreachable"
  | "handshake-failed"
  | "malformed"
  | "too-large"
  | "error";

/** One challenge the registrar sent, as evidence (the nonce itself is not kept). */
export interface ChallengeSeen {
  status: 401 | 407;
  realm: string;
  algorithm: string;
  qop?: string;
  stale: boolean;
}

/** A Contact of the 200 OK: the bindings of the address of record as the registrar stores them. */
export interface RegistrationBinding {
  uri: string;
  expiresS?: number;
  /** The binding this probe created (matched by the unique user part of our Contact). */
  ours: boolean;
}

export type UnregisterOutcome = "removed" | "not-removed" | "failed";

export interface UnregisterResult {
  outcome: UnregisterOutcome;
  status?: number;
  reason?: string;
  error?: string;
  /** Our binding as the unregister's 200 still lists it. */
  remaining?: RegistrationBinding;
}

export interface RegistrationResult {
  target: ProbeTarget;
  outcome: RegisterOutcome;
  /** The address of record registered: sip:user@domain (no password, ever). */
  aor: string;
  /** Through an outbound proxy: the Route sent, and `target` is the proxy. */
  route?: string;
  /** From the first REGISTER to the final response of the registration (challenges included). */
  registerMs?: number;
  /** Requests sent for the registration (challenge answers and a 423 retry included). */
  requests: number;
  /** UDP: datagrams sent, retransmissions included (RFC 3261 17.1.2.2). */
  transmissions?: number;
  /** Final status of the registration, and the registrar's reason phrase. */
  status?: number;
  reason?: string;
  server?: string;
  /** Retry-After of a refusal, in seconds (RFC 3261 20.33). */
  retryAfterS?: number;
  /** 3xx: where the registrar sends us. */
  redirectTo?: string[];
  challenges: ChallengeSeen[];
  /** The digest algorithm we answered with. */
  algorithm?: string;
  expiresRequestedS: number;
  /** 423: the registrar's Min-Expires, and the probe asked again with it. */
  minExpiresS?: number;
  expiresGrantedS?: number;
  /** The Contact we sent: what the registrar should store unless something rewrote it. */
  contactSent: string;
  bindings?: RegistrationBinding[];
  /** What the registrar saw as our address (RFC 3581), from the 200's top Via. */
  viaReceived?: string;
  viaRport?: number;
  path?: string[];
  serviceRoute?: string[];
  unregister?: UnregisterResult;
  error?: string;
}
