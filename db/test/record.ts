import { type Finding, failedRunSummary, outcomeHash, outcomeKey, type RunSummary } from "@sipwatch/core";
import { type Db, pairKey, type RunRecord, recordRunStatements, vantageStatesOf } from "../src/index";

/** A run summary whose TLS transport answered in `tlsMs` (null: refused). */
export function summary(
  tlsMs: number | null,
  status: RunSummary["status"] = tlsMs === null ? "critical" : "ok",
): RunSummary {
  return {
    ...failedRunSummary("x"),
    error: undefined,
    status,
    transports: { tls: { ok: tlsMs !== null, ms: tlsMs } },
  };
}

export interface TestRun {
  monitorId?: string;
  organisationId?: string;
  vantageId?: string;
  startedAt: number;
  summary?: RunSummary;
  findings?: Finding[];
  opened?: Finding[];
  resolvedIds?: number[];
}

/** Records runs as storeResults does: read the pairs' state rows, then one batch. */
export async function record(db: Db, runs: readonly TestRun[]) {
  const states = new Map(
    (
      await vantageStatesOf(
        db,
        runs.map((r) => r.monitorId ?? "mon_a1"),
      )
    ).map((s) => [pairKey(s.monitorId, s.vantageId), s]),
  );
  const records: RunRecord[] = runs.map((r) => {
    const monitorId = r.monitorId ?? "mon_a1";
    const vantageId = r.vantageId ?? "region:weur";
    const s = r.summary ?? summary(40);
    const previous = states.get(pairKey(monitorId, vantageId));
    return {
      monitorId,
      vantageId,
      organisationId: r.organisationId ?? "org-a",
      startedAt: r.startedAt,
      durationMs: 120,
      run: {
        summary: s,
        outcome: outcomeHash(outcomeKey({ summary: s, findings: r.findings ?? [], recordSetsHash: "h" })),
      },
      ...(previous ? { previous } : {}),
      opened: r.opened ?? [],
      resolvedIds: r.resolvedIds ?? [],
    };
  });
  const [first, ...rest] = recordRunStatements(db, records);
  if (first) await db.batch([first, ...rest]);
}
