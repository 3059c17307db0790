import type { Finding, FindingId, RecordSet, RunSummary, SipResolution } from "@sipwatch/core";
import { and, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { SQLiteInsertValue } from "drizzle-orm/sqlite-core";
import type { Db } from "../db";
import { dnsSnapshots, findings, stateSpans, vantageStates } from "../schema/history";
import { chunk, rowsPerStatement, type Statement } from "./batching";
import { bucketStatements } from "./rollup-writes";
import { planRun, type RunPlan } from "./run-plan";
import { extendStateStatements, type StateExtension } from "./state-extend";
import { IDS_PER_READ, idIn, pairKey, readByIdPages, type StoredState } from "./vantage-state";

export type OpenFindingRow = Pick<
  typeof findings.$inferSelect,
  "id" | "monitorId" | "vantageId" | "findingId" | "subject" | "severity"
>;

/** Open findings of the monitors, grouped by pairKey; a seek on the partial index finding_open_idx. */
export async function openFindings(db: Db, monitorIds: readonly string[]): Promise<Map<string, OpenFindingRow[]>> {
  const rows = await readByIdPages(monitorIds, (ids) =>
    db
      .select({
        id: findings.id,
        monitorId: findings.monitorId,
        vantageId: findings.vantageId,
        findingId: findings.findingId,
        subject: findings.subject,
        severity: findings.severity,
      })
      .from(findings)
      .where(and(idIn(findings.monitorId, ids), isNull(findings.resolvedAt))),
  );
  return groupByPair(rows);
}

/**
 * Open findings of the monitors as the audits reported them (core's Finding), grouped by
 * pairKey: after a run is stored, its pair's open rows are exactly what that run reported.
 */
export async function openReportedFindings(db: Db, monitorIds: readonly string[]): Promise<Map<string, Finding[]>> {
  const rows = await readByIdPages(monitorIds, (ids) =>
    db
      .select()
      .from(findings)
      .where(and(idIn(findings.monitorId, ids), isNull(findings.resolvedAt))),
  );
  const out = new Map<string, Finding[]>();
  for (const [key, pair] of groupByPair(rows)) {
    out.set(
      key,
      // Written from core's Finding by recordRunStatements: its id and the evidence that id carries.
      pair.map(
        (f) =>
          ({
            id: f.findingId as FindingId,
            severity: f.severity,
            title: f.title,
            detail: f.detail,
            fix: f.fix,
            subject: f.subject,
            evidence: f.evidence,
          }) as Finding,
      ),
    );
  }
  return out;
}

function groupByPair<T extends { monitorId: string; vantageId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const key = pairKey(row.monitorId, row.vantageId);
    out.set(key, [...(out.get(key) ?? []), row]);
  }
  return out;
}

/** What one monitor x vantage x run changes in the store. */
export interface RunRecord {
  monitorId: string;
  vantageId: string;
  /** The monitor's organisation: written into a new state row (never updated afterwards). */
  organisationId: string;
  startedAt: number;
  durationMs: number;
  /** Absent for pseudo-vantages ("cross") that only carry findings. */
  run?: { summary: RunSummary; outcome: string };
  /** The pair's state row as read before this run; absent before its first run. */
  previous?: StoredState;
  /** Only when the record sets' hash differs from the latest snapshot's. */
  snapshot?: { hash: string; recordSets: RecordSet[]; resolution: SipResolution };
  /** New findings, and severity changes' new rows. */
  opened: Finding[];
  /** Row ids of findings gone (or whose severity changed). */
  resolvedIds: number[];
}

const SPAN_ROWS = 5;
const STATE_ROWS = rowsPerStatement(20);
// 11 values, the span id subquery binds 3 more.
const FINDING_ROWS = rowsPerStatement(14);
// D1 also caps a statement at 100 KB; findings carry text and evidence, so keep their inserts small.
const FINDING_BYTES_PER_STATEMENT = 60_000;

const latestSnapshotId = (r: RunRecord) =>
  sql`(SELECT max(id) FROM dns_snapshot WHERE monitor_id = ${r.monitorId} AND vantage_id = ${r.vantageId})`;
const newSpanId = (r: RunRecord) =>
  sql`(SELECT id FROM state_span WHERE monitor_id = ${r.monitorId} AND first_run_at = ${r.startedAt} AND vantage_id = ${r.vantageId})`;

/** True when the record was already stored (its pair has a run at or after it): storing it again is a no-op. */
export const isAlreadyRecorded = (r: Pick<RunRecord, "startedAt" | "previous">) =>
  r.previous !== undefined && r.startedAt <= r.previous.lastRunAt;

/**
 * The statements that record many runs, for ONE `db.batch()` (in order, one transaction): DNS
 * snapshots, finding resolutions, the spans that close and open, the rollup buckets of hours that
 * closed, the state rows, then new findings. A run whose outcome equals its state's writes only
 * its state row. Records at or before their pair's last run are dropped (idempotent).
 */
export function recordRunStatements(db: Db, all: readonly RunRecord[]): Statement[] {
  const records = all.filter((r) => !isAlreadyRecorded(r));
  const plans = new Map<RunRecord, RunPlan>();
  for (const r of records) {
    const plan = r.run ? planRun(r.previous, { ...r.run, startedAt: r.startedAt, durationMs: r.durationMs }) : null;
    if (plan) plans.set(r, plan);
  }
  const snapshotIdOf = (r: RunRecord): SQL | number | null =>
    r.snapshot || !r.previous ? latestSnapshotId(r) : r.previous.snapshotId;
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
      // The run before this one was the last to see it; pseudo-vantages have no state, so the opening tick.
      const lastSeen = r.previous ? sql`${r.previous.lastRunAt}` : sql`${findings.openedAt}`;
      statements.push(
        db.update(findings).set({ resolvedAt: r.startedAt, lastSeenAt: lastSeen }).where(inArray(findings.id, ids)),
      );
    }
  }
  for (const [, plan] of plans) {
    if (!plan.closeSpan) continue;
    const { id, lastRunAt, runs } = plan.closeSpan;
    statements.push(db.update(stateSpans).set({ lastRunAt, runs }).where(sql`${stateSpans.id} = ${id}`));
  }
  const spanRows = [...plans].flatMap(([r, plan]) =>
    plan.openSpan
      ? [
          {
            monitorId: r.monitorId,
            vantageId: r.vantageId,
            firstRunAt: r.startedAt,
            status: plan.state.summary.status,
            outcome: plan.state.outcome,
            durationMs: plan.state.durationMs,
            summary: plan.state.summary,
            snapshotId: snapshotIdOf(r),
          },
        ]
      : [],
  );
  for (const rows of chunk(spanRows, SPAN_ROWS)) statements.push(db.insert(stateSpans).values(rows));
  statements.push(
    ...bucketStatements(
      db,
      [...plans].flatMap(([r, plan]) =>
        plan.hour && plan.day
          ? [{ monitorId: r.monitorId, vantageId: r.vantageId, hour: plan.hour, day: plan.day }]
          : [],
      ),
    ),
  );
  // Most runs only extend their span: their state rows go as a few JSON-bound UPDATEs. A new
  // span, a new snapshot or a first run rewrites the whole row through the upsert.
  const extended: StateExtension[] = [];
  const rewritten: SQLiteInsertValue<typeof vantageStates>[] = [];
  for (const [r, plan] of plans) {
    const { spanId, ...state } = plan.state;
    if (spanId !== "new" && r.previous && !r.snapshot) {
      extended.push({ monitorId: r.monitorId, vantageId: r.vantageId, ...state });
      continue;
    }
    rewritten.push({
      monitorId: r.monitorId,
      vantageId: r.vantageId,
      organisationId: r.organisationId,
      ...state,
      spanId: spanId === "new" ? newSpanId(r) : spanId,
      snapshotId: snapshotIdOf(r),
    });
  }
  statements.push(...extendStateStatements(db, extended));
  for (const rows of chunk(rewritten, STATE_ROWS)) statements.push(upsertStates(db, rows));
  const findingRows = records.flatMap((r) =>
    r.opened.map((f) => {
      const plan = plans.get(r);
      return {
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
        openedSpanId: plan ? (plan.state.spanId === "new" ? newSpanId(r) : plan.state.spanId) : null,
      };
    }),
  );
  for (const rows of chunkByBytes(findingRows, FINDING_ROWS, FINDING_BYTES_PER_STATEMENT)) {
    statements.push(db.insert(findings).values(rows));
  }
  return statements;
}

/**
 * Insert or overwrite state rows; never with an older run than the row has (a late duplicate).
 * organisation_id is not in the update: a monitor never changes organisation, and leaving the
 * column alone keeps an unchanged run's update off vantage_state_org_idx.
 */
function upsertStates(db: Db, rows: SQLiteInsertValue<typeof vantageStates>[]) {
  const excluded = (column: string) => sql.raw(`excluded.${column}`);
  return db
    .insert(vantageStates)
    .values(rows)
    .onConflictDoUpdate({
      target: [vantageStates.monitorId, vantageStates.vantageId],
      set: {
        outcome: excluded("outcome"),
        spanId: excluded("span_id"),
        spanStartedAt: excluded("span_started_at"),
        spanRuns: excluded("span_runs"),
        lastRunAt: excluded("last_run_at"),
        durationMs: excluded("duration_ms"),
        summary: excluded("summary"),
        snapshotId: excluded("snapshot_id"),
        hourStart: excluded("hour_start"),
        hourAcc: excluded("hour_acc"),
        dayStart: excluded("day_start"),
        dayAcc: excluded("day_acc"),
      },
      setWhere: sql`${vantageStates.lastRunAt} < excluded.last_run_at`,
    });
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
