/**
 * Today's design before issue 15, kept for the bench only: the `run` row every monitor x vantage
 * x run wrote (as db/src/queries/record-run.ts wrote it, with the snapshot-in-force subquery),
 * and the overview's "latest run per pair" read over it. Tables are bench_old_* (history-seed.ts).
 */
import type { AuditResult } from "../src/probing/audit-job";

// 9 bound values per row, as the old RUN_ROWS: D1's 100 parameters allow 11 rows a statement.
const ROWS = 11;

export function oldRunStatements(db: D1Database, results: readonly AuditResult[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < results.length; i += ROWS) {
    const group = results.slice(i, i + ROWS);
    const values = group
      .map(() => "(?, ?, ?, ?, ?, (SELECT max(id) FROM dns_snapshot WHERE monitor_id = ? AND vantage_id = ?), ?, ?)")
      .join(", ");
    statements.push(
      db
        .prepare(
          `INSERT INTO bench_old_run (monitor_id, vantage_id, started_at, duration_ms, status, snapshot_id, summary, report_id) VALUES ${values}`,
        )
        .bind(
          ...group.flatMap((r) => [
            r.monitorId,
            r.vantageId,
            r.startedAt,
            Math.round(r.durationMs),
            r.summary.status,
            r.monitorId,
            r.vantageId,
            JSON.stringify(r.summary),
            r.reportId ?? null,
          ]),
        ),
    );
  }
  return statements;
}

/** The old overview read: one index seek per monitor x region for its latest run, summaries cut down in SQLite. */
export async function oldOverview(db: D1Database, organisationId: string) {
  const rows = await db
    .prepare(
      `SELECT r.monitor_id, r.vantage_id, r.started_at, r.status, json_extract(r.summary, '$.transports') AS transports,
        json_extract(r.summary, '$.certDaysLeft') AS cert, json_extract(r.summary, '$.findings') AS findings
      FROM bench_old_run r WHERE r.id IN (
        SELECT (SELECT o.id FROM bench_old_run o WHERE o.monitor_id = m.id AND o.vantage_id = 'region:' || j.value ORDER BY o.started_at DESC LIMIT 1)
        FROM monitor m, json_each(m.regions) j WHERE m.organisation_id = ?)
      ORDER BY r.monitor_id, r.vantage_id`,
    )
    .bind(organisationId)
    .all<{ transports: string; findings: string }>();
  return rows.results.map((r) => ({ ...r, transports: JSON.parse(r.transports), findings: JSON.parse(r.findings) }));
}
