import { SEVERITY_RANK, type Severity } from "../findings/types";
import type { RunSummary } from "../history/types";

/**
 * One word per monitor for the overview, the way an operator on call reads it:
 * - "down": transports were probed and none answered from any vantage; or nothing could be
 *   probed (no target, or UDP only, which the edge cannot probe) and every audit says critical;
 * - "degraded": phones get through, but something is wrong somewhere (a warning or critical
 *   run, or an open finding of warning or worse: an expiring certificate, a closed TLS port);
 * - "healthy": every vantage's latest audit is clean;
 * - "pending": enabled but not audited yet; "paused": disabled by its owner.
 */
export type MonitorHealth = "healthy" | "degraded" | "down" | "pending" | "paused";

export interface VantageLatest {
  status: RunSummary["status"];
  transports: RunSummary["transports"];
}

export interface HealthInput {
  enabled: boolean;
  vantages: readonly VantageLatest[];
  /** Severities of the monitor's open findings, every vantage and cross-vantage. */
  openFindings: readonly Severity[];
}

export function monitorHealth({ enabled, vantages, openFindings }: HealthInput): MonitorHealth {
  if (!enabled) return "paused";
  if (vantages.length === 0) return "pending";
  const answering = vantages.filter((v) => Object.values(v.transports).some((t) => t?.ok));
  if (answering.length === 0) {
    const probed = vantages.some((v) => Object.keys(v.transports).length > 0);
    // Nothing probed is not "nothing answered": a UDP-only service is invisible to the edge.
    if (probed || vantages.every((v) => v.status === "critical" || v.status === "error")) return "down";
    return "degraded";
  }
  const clean = vantages.every((v) => v.status === "ok") && !openFindings.some((s) => s !== "info");
  return clean ? "healthy" : "degraded";
}

/** The finding to show beside a monitor: the most severe, then the oldest (the longest-standing problem). */
export function worstFinding<T extends { severity: Severity; openedAt: number }>(findings: readonly T[]): T | null {
  let worst: T | null = null;
  for (const f of findings) {
    if (
      !worst ||
      SEVERITY_RANK[f.severity] > SEVERITY_RANK[worst.severity] ||
      (f.severity === worst.severity && f.openedAt < worst.openedAt)
    ) {
      worst = f;
    }
  }
  return worst;
}
