import { diffRecordSets, type RecordSet, type RecordSetsDiff } from "@sipwatch/core";
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, findings, rollups, runs } from "../schema/history";

/** A page of raw runs is bounded: a month of 1-minute runs from three regions is 130,000 rows. */
export const MAX_RUNS_PER_READ = 5000;

/** Runs of a monitor in [from, to), oldest first, at most MAX_RUNS_PER_READ. */
export async function runsInRange(db: Db, monitorId: string, from: number, to: number) {
  return db
    .select()
    .from(runs)
    .where(and(eq(runs.monitorId, monitorId), gte(runs.startedAt, from), lt(runs.startedAt, to)))
    .orderBy(asc(runs.startedAt))
    .limit(MAX_RUNS_PER_READ);
}

export type RollupWindow = "24h" | "7d" | "90d";

const HOUR_MS = 3_600_000;
const WINDOWS: Record<RollupWindow, { ms: number; granularity: "hour" | "day" }> = {
  // Hourly buckets while they stay readable on a chart (<= 7 days: 168 points), daily beyond.
  "24h": { ms: 24 * HOUR_MS, granularity: "hour" },
  "7d": { ms: 7 * 24 * HOUR_MS, granularity: "hour" },
  "90d": { ms: 90 * 24 * HOUR_MS, granularity: "day" },
};

/** Chart buckets of a monitor for a window ending at `now`. */
export async function rollupsInWindow(db: Db, monitorId: string, window: RollupWindow, now: number) {
  const { ms, granularity } = WINDOWS[window];
  const rows = await db
    .select()
    .from(rollups)
    .where(
      and(eq(rollups.monitorId, monitorId), eq(rollups.granularity, granularity), gte(rollups.bucketStart, now - ms)),
    )
    .orderBy(asc(rollups.bucketStart), asc(rollups.vantageId), asc(rollups.transport));
  return { granularity, from: now - ms, to: now, buckets: rows };
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
