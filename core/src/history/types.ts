import type { Severity } from "../findings/types";
import type { ProfileId } from "../simulation/types";
import type { Transport } from "../sip/types";

/**
 * What one audit from one vantage point leaves in the history: a compact summary (the `run`
 * row, a few hundred bytes), while the DNS tree and the findings are stored only when they
 * change. Version it: rows outlive code.
 */
export interface RunSummary {
  v: 1;
  status: "ok" | Exclude<Severity, "info"> | "error";
  /** Per transport: did any target clients would use answer, and how fast (SIP OPTIONS, else connect). */
  transports: Partial<Record<Transport, TransportSummary>>;
  /** One per probed endpoint, in the order clients try them. */
  targets: TargetSummary[];
  /** Where each client profile ends up: "tls sip1.example.com:5061", or null when nothing answers. */
  profiles: ProfileSummary[];
  /** Days until the first leaf certificate expires; null when no certificate was read. */
  certDaysLeft: number | null;
  findings: Record<Severity, number>;
  /** Why the audit produced no report (resolver down, budget exceeded); absent when it ran. */
  error?: string;
}

export interface TransportSummary {
  ok: boolean;
  ms: number | null;
}

export interface TargetSummary {
  transport: Transport;
  host: string;
  port: number;
  address: string;
  /** The test account's outbound proxy, sent only REGISTER; absent for the registrar's own targets. */
  via?: "outbound-proxy";
  /**
   * "ok", or the failure: "refused", "timeout", "handshake-failed", "sip-timeout", "skipped-private",
   * "speaks-plain-sip" (plain SIP answers on a TLS port), "speaks-tls" (TLS on a TCP port), ...
   */
  outcome: string;
  connectMs: number | null;
  sipMs: number | null;
  sipStatus: number | null;
  certDaysLeft: number | null;
  /** The REGISTER probe with the monitor's test account, when one ran here (issue 17). */
  register?: RegisterSummary;
}

export interface RegisterSummary {
  /** core's RegisterOutcome: "registered", "credentials-rejected", "refused", "timeout", ... */
  outcome: string;
  /** Final status of the registration; null when none came. */
  status: number | null;
  /** From the first REGISTER to its final response, challenges included. */
  ms: number | null;
  /**
   * How the monitor's response handling read `status` when the run was judged: replays follow
   * the decision of the day, not today's settings (absent: the default reading).
   */
  counted?: "up" | "maintenance";
}

export interface ProfileSummary {
  /** A profile id of core's catalogue; rows written before a profile was retired may hold an old one. */
  profile: ProfileId | (string & {});
  final: string | null;
  delayed: boolean;
  /** It registered only after changing transport (absent in rows written before profiles recorded it). */
  changedTransport?: boolean;
}

/** A record set as the history compares it: TTLs left out, since resolvers count them down. */
export interface RecordSet {
  name: string;
  type: string;
  /** Presentation-format RDATA, sorted. Empty with a status when the name did not resolve. */
  data: string[];
  status: string;
}
