import type { Candidate, SipResolution, Transport } from "../sip/types";

/**
 * The modelled clients (see `clients/`). Ids are stable: they are stored in run history and
 * named in the API. A client whose behaviour depends on its configured transport has one
 * profile per configuration ("linphone-tls").
 */
export const PROFILE_IDS = [
  "rfc3263",
  "baresip",
  "baresip-tcp",
  "baresip-tls",
  "linphone-udp",
  "linphone-tcp",
  "linphone-tls",
  "pjsua",
  "pjsua-tls",
  "asterisk",
  "avaya-1200",
  "snom",
  "fixed-udp",
] as const;
export type ProfileId = (typeof PROFILE_IDS)[number];

/** A transport a phone can be set to (RFC 3261 `transport=` or `sips:`); UDP, TCP, TLS or WebSocket. */
export type ConfiguredTransport = "udp" | "tcp" | "tls" | "wss";

/**
 * How a profile's behaviour is known: "measured" against the real client in this project's
 * interop tests, "source" read from the stack's source code, "document" from a vendor manual,
 * "rfc" the letter of RFC 3263.
 */
export type ProfileBasis = "measured" | "source" | "document" | "rfc";

/**
 * What a probe saw for one (transport, address, port). "unknown" means not probed (DNS-only
 * audits, or a target the vantage may not probe): the simulation assumes such a target answers
 * and says so.
 */
export type Reachability = "ok" | "refused" | "timeout" | "failed" | "unknown";

/** One target as a probe met it, before a particular client's judgement. */
export interface TargetExperience {
  reachability: Reachability;
  /**
   * Set when TLS completed but a verifying client rejects the certificate ("certificate
   * expired"); reachability is then "ok" for the handshake itself.
   */
  certificateRejected?: string;
  /** Why it failed, in a few words ("refused", "no SIP answer"). */
  detail?: string;
  /** The server accepted the connection and closed it when the request arrived. */
  closed?: boolean;
}

/** Probe results joined into the simulation; DNS-only audits pass none. */
export type ReachabilityOracle = (candidate: Candidate) => TargetExperience;

/**
 * Whether an attempt is the client's first, a failover to the next target of the transport it
 * already chose (RFC 3263 4.3), or a change of transport (only some clients do that).
 */
export type AttemptStep = "first" | "next-target" | "next-transport";

export interface ProfileAttempt {
  candidate: Candidate;
  /** As this client experiences the target: a rejected certificate is "failed" for a verifying client. */
  reachability: Reachability;
  /** Time this attempt cost before the client moved on, ms (a silent target costs the client's timer). */
  costMs: number;
  step: AttemptStep;
  /** Why it failed, in words ("certificate expired", "no answer until Timer F"). */
  why?: string;
}

export interface RegistrationOutcome {
  registered: boolean;
  /** The target it registers with; absent when it registers nowhere. */
  candidate?: Candidate;
  transport?: Transport;
  /** Time spent on failed attempts before registering (or before giving up), ms. */
  afterMs: number;
  /** true when `candidate` was not probed and is only what DNS promises. */
  assumed: boolean;
}

/**
 * NAPTR records tied on order and preference (RFC 3403 leaves the choice open): which services
 * tied, and what this client does about it.
 */
export interface NaptrTie {
  services: string[];
  behaviour: string;
}

/** The prediction for one modelled client: its attempts, in order, and where it ends. */
export interface ProfileOutcome {
  profile: ProfileId;
  /** Short name for tables: "baresip", "Linphone set to TLS". */
  label: string;
  /** The real products and versions this profile models: ["baresip 1.0 (libre 1.1)"]. */
  clients: string[];
  configuredTransport?: ConfiguredTransport;
  verifiesCertificates: boolean;
  basis: ProfileBasis;
  /** How this client finds and fails over, in plain words. */
  description: string;
  attempts: ProfileAttempt[];
  outcome: RegistrationOutcome;
  tie?: NaptrTie;
  /** One sentence: "Registers over TLS to sip1.example.com:5061 (192.0.2.1)." */
  summary: string;
}

/** What a client tries: candidate lists, one per transport it would use, in order. */
export interface ClientPlan {
  /** Each inner list is one transport choice; the client moves to the next list only if it changes transport. */
  transports: Candidate[][];
  tie?: NaptrTie;
}

/** How long a client waits on a target that does not answer, ms. */
export interface ClientTimers {
  /** UDP with no SIP answer: the REGISTER transaction's Timer F (RFC 3261 17.1.2.2). */
  udpSilentMs: number;
  /** UDP answered by ICMP port unreachable: 0 when the stack reads it, else the same as silence. */
  udpRefusedMs: number;
  /** TCP (or TLS) SYN with no answer: the client's connect timeout or its transaction timer. */
  tcpSilentMs: number;
  /** A connection the server closes when the request arrives: how long until the client gives up on it. */
  closedMs: number;
}

/** What a client does once a target failed, where clients really differ. */
export interface ClientFailover {
  /** After a target that never answered: the next target, or give up (pjsip answers 408 and stops). */
  afterTimeout: boolean;
  /** After a connection the server closed mid-request: the next target, or the same one again. */
  afterClose: boolean;
}

/** A modelled client: who it is, how it chooses targets and how long it waits. */
export interface ClientProfile {
  id: ProfileId;
  label: string;
  clients: string[];
  configuredTransport?: ConfiguredTransport;
  verifiesCertificates: boolean;
  basis: ProfileBasis;
  description: string;
  /** true when the client moves to its next transport after every target of one failed. */
  changesTransport: boolean;
  timers: ClientTimers;
  failover: ClientFailover;
  plan(resolution: SipResolution): ClientPlan;
}
