import { resolverUnreachable } from "../audit/audit-sip-target";
import type { AuditReport } from "../audit/types";
import type { Finding } from "../findings/types";
import type { ResponseHandling } from "../probe/response-handling";
import type { SipResolution } from "../sip/types";
import { recordSetsHash, recordSetsOf } from "./record-sets";
import { failedRunSummary, summariseRun } from "./summarise-run";
import type { RecordSet, RunSummary } from "./types";

/**
 * What any vantage point (a region's prober, an agent) hands the history for one audit: the
 * run summary, the record sets with their hash, the DNS tree and the findings. The edge and
 * the agent add their own identifiers around it.
 */
export interface AuditOutcome {
  durationMs: number;
  summary: RunSummary;
  /** Null when the audit produced no report (bad target, resolver down, deadline). */
  recordSets: RecordSet[] | null;
  hash: string | null;
  resolution: SipResolution | null;
  findings: Finding[];
}

/** An audit that produced no report: the history still shows the gap, with why. */
export function failedAuditOutcome(error: string, startedAt: number): AuditOutcome {
  return {
    durationMs: Date.now() - startedAt,
    summary: failedRunSummary(error),
    recordSets: null,
    hash: null,
    resolution: null,
    findings: [],
  };
}

/**
 * A finished report as the history keeps it; a resolver that answered nothing is a failed
 * audit. `handling` is the monitor's response handling the audit judged with.
 */
export async function auditOutcome(
  report: AuditReport,
  startedAt: number,
  handling?: ResponseHandling,
): Promise<AuditOutcome> {
  const unreachable = resolverUnreachable(report);
  if (unreachable) return failedAuditOutcome(unreachable, startedAt);
  const recordSets = recordSetsOf(report.resolution);
  return {
    durationMs: Date.now() - startedAt,
    summary: summariseRun(report, new Date(), handling),
    recordSets,
    hash: await recordSetsHash(recordSets),
    resolution: report.resolution,
    findings: report.findings,
  };
}
