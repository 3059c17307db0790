import { type Db, type DueMonitor, openReportedFindings, pairKey, vantageStatesOf } from "@sipwatch/db";
import type { AuditResult, RegionBatch } from "../probing/audit-job";

/**
 * What a redelivered message's round already stored: the pairs (monitor x region vantage) whose
 * state row has a run at or after the round's scheduled time, replayed as results from that
 * row (its last run) and the pair's open findings (after a stored run, exactly what it
 * reported). A retried message audits only the other pairs: auditing a stored pair again would
 * store one more real run per retry (its start is later than the stored one). The replayed
 * results are for the alert round only; they are never stored again.
 *
 * Only on a redelivery: on a first delivery a state row newer than the tick is the previous
 * minute's message run late (a backlog), and this minute's audit is still due.
 */
export async function recordedResults(
  groups: ReadonlyArray<{ db: Db; monitors: readonly DueMonitor[] }>,
  scheduledTime: number,
): Promise<Map<string, AuditResult>> {
  const replayed = new Map<string, AuditResult>();
  await Promise.all(
    groups.map(async ({ db, monitors }) => {
      const ids = monitors.map((m) => m.id);
      const states = (await vantageStatesOf(db, ids)).filter((s) => s.lastRunAt >= scheduledTime);
      if (states.length === 0) return;
      const findings = await openReportedFindings(
        db,
        states.map((s) => s.monitorId),
      );
      for (const s of states) {
        const key = pairKey(s.monitorId, s.vantageId);
        replayed.set(key, {
          monitorId: s.monitorId,
          vantageId: s.vantageId,
          startedAt: s.lastRunAt,
          durationMs: s.durationMs,
          summary: s.summary,
          // Not stored again, so the DNS answers need not travel: the snapshot in force stays.
          recordSets: null,
          hash: null,
          resolution: null,
          findings: findings.get(key) ?? [],
        });
      }
    }),
  );
  return replayed;
}

/** The batches without the jobs whose pair is already recorded; batches left empty are dropped. */
export function withoutRecorded(
  batches: readonly RegionBatch[],
  recorded: ReadonlyMap<string, unknown>,
): RegionBatch[] {
  return batches
    .map((b) => ({ ...b, jobs: b.jobs.filter((j) => !recorded.has(pairKey(j.monitorId, j.vantageId))) }))
    .filter((b) => b.jobs.length > 0);
}
