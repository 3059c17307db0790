import type { VantageAudit } from "../alerting/alert-input";
import type { Severity } from "../findings/types";
import { isMuted, type MutableFinding, type MuteScope } from "./finding-mute";

type RunStatus = "ok" | "warning" | "critical" | "error";

/** The findings that still count at `now`: the muted ones are left out. */
export function unmutedFindings<F extends MutableFinding>(
  findings: readonly F[],
  mutes: readonly MuteScope[],
  now: number,
): F[] {
  if (mutes.length === 0) return [...findings];
  return findings.filter((f) => !isMuted(f, mutes, now));
}

/**
 * A run's status with its muted findings not counted. The audit derived the stored status from
 * the worst finding (audit-sip-target.ts); this derives it again from the findings that still
 * count. "error" (no report) stays: a mute speaks about a finding, not about a run that produced
 * none. Without a muted finding the stored status is kept as it is.
 *
 * @example statusWithMutes("critical", [expiredCertificate], [muteOfIt], now) // "ok"
 */
export function statusWithMutes(
  status: RunStatus,
  findings: ReadonlyArray<MutableFinding & { severity: Severity }>,
  mutes: readonly MuteScope[],
  now: number,
): RunStatus {
  if (status === "error" || mutes.length === 0) return status;
  const counted = unmutedFindings(findings, mutes, now);
  if (counted.length === findings.length) return status;
  if (counted.some((f) => f.severity === "critical")) return "critical";
  return counted.some((f) => f.severity === "warning") ? "warning" : "ok";
}

/**
 * One vantage's audit as the alert policy should read it: muted findings neither fail the vantage
 * nor appear in the message. Stored history keeps them; only the alert round's view changes.
 */
export function auditWithMutes(audit: VantageAudit, mutes: readonly MuteScope[], now: number): VantageAudit {
  if (mutes.length === 0) return audit;
  return {
    ...audit,
    status: statusWithMutes(audit.status, audit.findings, mutes, now),
    findings: unmutedFindings(audit.findings, mutes, now),
  };
}

/** An open finding row as the history stores it (per vantage, id under `findingId`). */
export interface OpenFindingLike {
  vantageId: string;
  findingId: string;
  subject: string;
  severity: Severity;
}

/**
 * Each vantage's latest status with its muted open findings not counted: for the overview, the
 * report and the public status, which read runs and open findings rather than whole reports.
 * The open findings of a vantage are those of its latest report (the finding lifecycle), so this
 * gives what statusWithMutes would have given on that report.
 */
export function vantageStatusesWithMutes<R extends { vantageId: string; status: RunStatus }>(
  runs: readonly R[],
  open: readonly OpenFindingLike[],
  mutes: readonly MuteScope[],
  now: number,
): R[] {
  if (mutes.length === 0) return [...runs];
  return runs.map((run) => {
    const findings = open
      .filter((f) => f.vantageId === run.vantageId)
      .map((f) => ({ id: f.findingId, subject: f.subject, severity: f.severity }));
    return { ...run, status: statusWithMutes(run.status, findings, mutes, now) };
  });
}

/** The open findings that still count, from rows that carry the id under `findingId`. */
export const unmutedOpenFindings = <F extends { findingId: string; subject: string }>(
  open: readonly F[],
  mutes: readonly MuteScope[],
  now: number,
): F[] =>
  mutes.length === 0 ? [...open] : open.filter((f) => !isMuted({ id: f.findingId, subject: f.subject }, mutes, now));
