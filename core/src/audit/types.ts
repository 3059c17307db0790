import type { Finding, Severity } from "../findings/types";
import type { TargetProbes } from "../probe/types";
import type { ProfileOutcome } from "../simulation/types";
import type { SipResolution, SipTarget } from "../sip/types";
import type { AuthoritativeSurvey } from "./authoritative-survey";

/** The machine-readable result of a discovery audit (`sipwatch check --json`, the API later). */
export interface AuditReport {
  schema: "sipwatch.audit/1";
  target: SipTarget;
  /** The walk through the first resolver: the tree every rule reads. */
  resolution: SipResolution;
  /** The same walk through every further resolver, compared for dns.resolver.disagree. */
  alternates: SipResolution[];
  /** Each authoritative server asked directly, when the audit was asked to (`--authoritative`). */
  authoritative?: AuthoritativeSurvey;
  /** One entry per probed (transport, address, port); absent for DNS-only audits. */
  probes?: TargetProbes[];
  profiles: ProfileOutcome[];
  findings: Finding[];
  /** Worst severity among findings; "ok" when there is nothing above info. */
  status: "ok" | Exclude<Severity, "info">;
}
