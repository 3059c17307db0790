import { diffRecordSets, type RecordSet, type RecordSetsDiff, type RunSummary } from "@sipwatch/core";
import { and, desc, eq, gte, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, findings, stateSpans } from "../schema/history";
import { vantageStatesOf } from "./vantage-state";

export { type RollupWindow, rollupsInWindow } from "./rollups";

/** A page of spans is bounded; a month of spans is what changed in a month, usually far fewer. */
export const MAX_SPANS_PER_READ = 2000;

/** A stretch of runs with one outcome: the run list shows each as "unchanged for 3 h, 180 runs". */
export interface Span {
  vantageId: string;
  /** The first and last run of the span. */
  from: number;
  to: number;
  runs: number;
  status: RunSummary["status"];
  /** The span's first run: what changed. */
  durationMs: number;
  summary: RunSummary;
  /** Still the current outcome of its vantage. */
  open: boolean;
}

/**
 * Spans of a monitor that overlap [from, to), newest first, at most MAX_SPANS_PER_READ. An open
 * span's end and count are its state row's (they are not written per run).
 */
export async function spansInRange(db: Db, monitorId: string, from: number, to: number): Promise<Span[]> {
  const [rows, states] = await Promise.all([
    db
      .select()
      .from(stateSpans)
      .where(
        and(
          eq(stateSpans.monitorId, monitorId),
          lt(stateSpans.firstRunAt, to),
          or(isNull(stateSpans.lastRunAt), gte(stateSpans.lastRunAt, from)),
        ),
      )
      .orderBy(desc(stateSpans.firstRunAt), desc(stateSpans.id))
      .limit(MAX_SPANS_PER_READ),
    vantageStatesOf(db, [monitorId]),
  ]);
  const openSpans = new Map(states.map((s) => [s.spanId, s]));
  return rows.flatMap((row) => {
    const state = openSpans.get(row.id);
    const open = row.lastRunAt === null;
    // An open span no state row points at was left by an interrupted write: show it as one run.
    const last = open ? (state?.lastRunAt ?? row.firstRunAt) : (row.lastRunAt as number);
    if (last < from) return [];
    return [
      {
        vantageId: row.vantageId,
        from: row.firstRunAt,
        to: last,
        runs: open ? (state?.spanRuns ?? 1) : (row.runs ?? 1),
        status: row.status,
        durationMs: row.durationMs,
        summary: row.summary,
        open: open && state !== undefined,
      },
    ];
  });
}

export interface DnsChange {
  snapshotId: number;
  vantageId: string;
  takenAt: number;
  hash: string;
  recordSets: RecordSet[];
  /** Against the previous snapshot of the same vantage; null for the first one seen. */
  diff: RecordSetsDiff | null;
}

/** DNS changes of a monitor, newest first, each with what changed from the one before it. */
export async function dnsChanges(db: Db, monitorId: string, limit = 100): Promise<DnsChange[]> {
  const rows = await db
    .select({
      id: dnsSnapshots.id,
      vantageId: dnsSnapshots.vantageId,
      takenAt: dnsSnapshots.takenAt,
      hash: dnsSnapshots.hash,
      recordSets: dnsSnapshots.recordSets,
    })
    .from(dnsSnapshots)
    .where(eq(dnsSnapshots.monitorId, monitorId))
    .orderBy(desc(dnsSnapshots.takenAt), desc(dnsSnapshots.id))
    // One more than shown, so the oldest shown change still has its "before".
    .limit(limit + 1);
  return rows.slice(0, limit).map((row, i) => {
    const previous = rows.slice(i + 1).find((older) => older.vantageId === row.vantageId);
    return {
      snapshotId: row.id,
      vantageId: row.vantageId,
      takenAt: row.takenAt,
      hash: row.hash,
      recordSets: row.recordSets,
      diff: previous ? diffRecordSets(previous.recordSets, row.recordSets) : null,
    };
  });
}

/** The findings of a monitor as a timeline (opened, last seen, resolved), newest first. */
export async function findingsTimeline(db: Db, monitorId: string, limit = 500) {
  return db
    .select()
    .from(findings)
    .where(eq(findings.monitorId, monitorId))
    .orderBy(desc(findings.openedAt), desc(findings.id))
    .limit(limit);
}
