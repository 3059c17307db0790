import type { Finding, RecordSet, RunSummary, SipResolution } from "@sipwatch/core";
import { and, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, findings, runs } from "../schema/history";
import { chunk, rowsPerStatement, type Statement } from "./batching";

/** "monitorId vantageId": the unit snapshots and findings are tracked per. */
export const pairKey = (monitorId: string, vantageId: string) => `${monitorId} ${vantageId}`;

// Leaves room under D1's 100 parameters for the IN list of a read.
const IDS_PER_READ = 90;

/** The hash of the latest DNS snapshot of each monitor x vantage, by pairKey. Snapshots are rare, so the scan is short. */
export async function latestSnapshotHashes(db: Db, monitorIds: readonly string[]): Promise<Map<string, string>> {
  // The chunks are independent reads: sent together, their round trips overlap.
  const pages = await Promise.all(
    chunk([...new Set(monitorIds)], IDS_PER_READ).map((ids) =>
      db
        .select({ monitorId: dnsSnapshots.monitorId, vantageId: dnsSnapshots.vantageId, hash: dnsSnapshots.hash })
        .from(dnsSnapshots)
        .where(
          sql`${dnsSnapshots.id} IN (SELECT max(id) FROM dns_snapshot WHERE ${inArray(dnsSnapshots.monitorId, ids)} GROUP BY monitor_id, vantage_id)`,
        ),
    ),
  );
  return new Map(pages.flat().map((row) => [pairKey(row.monitorId, row.vantageId), row.hash]));
}

export type OpenFindingRow = Pick<
  typeof findings.$inferSelect,
  "id" | "monitorId" | "vantageId" | "findingId" | "subject" | "severity"
>;

/** Open findings of the monitors, grouped by pairKey; a seek on the partial index finding_open_idx. */
export async function openFindings(db: Db, monitorIds: readonly string[]): Promise<Map<string, OpenFindingRow[]>> {
  const out = new Map<string, OpenFindingRow[]>();
  for (const ids of chunk([...new Set(monitorIds)], IDS_PER_READ)) {
    const rows = await db
      .select({
        id: findings.id,
        monitorId: findings.monitorId,
        vantageId: findings.vantageId,
        findingId: findings.findingId,
        subject: findings.subject,
        severity: findings.severity,
      })
      .from(findings)
      .where(and(inArray(findings.monitorId, ids), isNull(findings.resolvedAt)));
    for (const row of rows) {
      const key = pairKey(row.monitorId, row.vantageId);
      out.set(key, [...(out.get(key) ?? []), row]);
    }
  }
  return out;
}

/** What one monitor x vantage x run changes in the store. */
export interface RunRecord {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  durationMs: number;
  /** Agents' reports: the idempotency key, unique in `run` (a resent report is not stored twice). */
  reportId?: string;
  /** Absent for pseudo-vantages ("cross") that only carry findings. */
  summary?: RunSummary;
  /** Only when the record sets' hash differs from the latest snapshot's. */
  snapshot?: { hash: string; recordSets: RecordSet[]; resolution: SipResolution };
  /** New findings, and severity changes' new rows. */
  opened: Finding[];
  /** Row ids of findings gone (or whose severity changed). */
  resolvedIds: number[];
}

// Per row: the bound values (report id included) plus the two of the snapshot/run subquery.
const RUN_ROWS = rowsPerStatement(9);
const FINDING_ROWS = rowsPerStatement(12);
// D1 also caps a statement at 100 KB; findings carry text and evidence, so keep their inserts small.
const FINDING_BYTES_PER_STATEMENT = 60_000;

/**
 * The statements that record many runs, for ONE `db.batch()`: snapshots first (each alone: a
 * resolution tree can be tens of KB), then resolutions (while the previous run is still the
 * latest, so it is the "last seen"), then runs pointing at the snapshot in force, then new
 * findings pointing at the run that opened them. A batch runs in order, as one transaction.
 */
export function recordRunStatements(db: Db, records: readonly RunRecord[]): Statement[] {
  const statements: Statement[] = [];
  for (const r of records) {
    if (!r.snapshot) continue;
    statements.push(
      db.insert(dnsSnapshots).values({
        monitorId: r.monitorId,
        vantageId: r.vantageId,
        takenAt: r.startedAt,
        hash: r.snapshot.hash,
        recordSets: r.snapshot.recordSets,
        resolution: r.snapshot.resolution,
      }),
    );
  }
  for (const r of records) {
    for (const ids of chunk(r.resolvedIds, IDS_PER_READ)) {
      statements.push(
        db
          .update(findings)
          .set({
            resolvedAt: r.startedAt,
            // The run before this one was the last to see it; pseudo-vantages have no runs, so the tick before.
            lastSeenAt: sql`coalesce((SELECT max(started_at) FROM run WHERE run.monitor_id = ${findings.monitorId} AND run.vantage_id = ${findings.vantageId}), ${findings.openedAt})`,
          })
          .where(inArray(findings.id, ids)),
      );
    }
  }
  const runRows = records.flatMap((r) =>
    r.summary
      ? [
          {
            monitorId: r.monitorId,
            vantageId: r.vantageId,
            startedAt: r.startedAt,
            durationMs: Math.round(r.durationMs),
            status: r.summary.status,
            snapshotId: sql`(SELECT max(id) FROM dns_snapshot WHERE monitor_id = ${r.monitorId} AND vantage_id = ${r.vantageId})`,
            summary: r.summary,
            reportId: r.reportId ?? null,
          },
        ]
      : [],
  );
  for (const rows of chunk(runRows, RUN_ROWS)) statements.push(db.insert(runs).values(rows));
  const findingRows = records.flatMap((r) =>
    r.opened.map((f) => ({
      monitorId: r.monitorId,
      vantageId: r.vantageId,
      findingId: f.id,
      subject: f.subject,
      severity: f.severity,
      title: f.title,
      detail: f.detail,
      fix: f.fix,
      evidence: f.evidence,
      openedAt: r.startedAt,
      openedRunId: sql`(SELECT max(id) FROM run WHERE monitor_id = ${r.monitorId} AND vantage_id = ${r.vantageId})`,
    })),
  );
  for (const rows of chunkByBytes(findingRows, FINDING_ROWS, FINDING_BYTES_PER_STATEMENT)) {
    statements.push(db.insert(findings).values(rows));
  }
  return statements;
}

/** Chunks by row count and by an estimate of the JSON size, whichever fills first. */
function chunkByBytes<T extends { title: string; detail: string; fix: string; evidence: unknown }>(
  rows: readonly T[],
  maxRows: number,
  maxBytes: number,
): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.title.length + row.detail.length + row.fix.length + JSON.stringify(row.evidence).length + 200;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) out.push(current);
  return out;
}
