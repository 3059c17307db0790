import type { Candidate } from "../sip/types";

/** Client behaviours seen in the field (see shared/FINDINGS.md "Fallback: what clients actually do"). */
export type ProfileId = "rfc3263" | "srv-preferring" | "tcp-first-30s" | "fixed-udp";

/**
 * What a probe saw for one (transport, address, port). "unknown" means not probed (DNS-only
 * audits): the simulation assumes such a target answers and says so.
 */
export type Reachability = "ok" | "refused" | "timeout" | "failed" | "unknown";

/** Probe results joined into the simulation; DNS-only audits pass none. */
export type ReachabilityOracle = (candidate: Candidate) => Reachability;

export interface ProfileAttempt {
  candidate: Candidate;
  reachability: Reachability;
  /** Time lost on this attempt before moving on, ms (a timeout costs the client's timer). */
  costMs: number;
}

export interface ProfileOutcome {
  profile: ProfileId;
  /** Short name for tables: "RFC 3263 client". */
  label: string;
  /** Who behaves like this, in plain words. */
  description: string;
  reached: boolean;
  /** Where the client ends up; absent when it reaches nothing. */
  final?: Candidate;
  /** true when `final` was not probed and is only what DNS promises. */
  assumed: boolean;
  /** Time spent on failed attempts before `final`, ms. */
  delayMs: number;
  attempts: ProfileAttempt[];
  /** One sentence: "Registers over TLS to sip1.example.com:5061 (192.0.2.1)." */
  summary: string;
}
