import { bucketFigures, mergeAccumulators, OVERALL, type RollupAccumulator } from "@sipwatch/core";
import { and, asc, eq, gt, gte, inArray, isNotNull, like, lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rollups, vantageStates } from "../schema/history";
import { chunk, runStatements } from "./batching";
import { bucketStatements } from "./rollup-writes";
import { DAY_MS, dayOf, HOUR_MS, planFlush } from "./run-plan";
import { IDS_PER_LIST, IDS_PER_READ, idIn, vantageStatesOf } from "./vantage-state";

export type RollupWindow = "24h" | "7d" | "90d";

const WINDOWS: Record<RollupWindow, { ms: number; granularity: "hour" | "day" }> = {
  // Hourly buckets while they stay readable on a chart (<= 7 days: 168 points), daily beyond.
  "24h": { ms: 24 * HOUR_MS, granularity: "hour" },
  "7d": { ms: 7 * 24 * HOUR_MS, granularity: "hour" },
  "90d": { ms: 90 * 24 * HOUR_MS, granularity: "day" },
};

/** One vantage x transport x bucket as a chart draws it. */
export interface ChartBucket {
  vantageId: string;
  transport: string;
  bucketStart: number;
  runs: number;
  successes: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
}

/**
 * Chart buckets of a monitor for a window ending at `now`: one range of the rollup key, plus the
 * hour each state row is still counting (not written until it closes), so the chart is current.
 */
export async function rollupsInWindow(db: Db, monitorId: string, window: RollupWindow, now: number) {
  const { ms, granularity } = WINDOWS[window];
  const from = now - ms;
  const [rows, states] = await Promise.all([
    db
      .select()
      .from(rollups)
      .where(
        and(eq(rollups.monitorId, monitorId), eq(rollups.granularity, granularity), gte(rollups.bucketStart, from)),
      ),
    vantageStatesOf(db, [monitorId]),
  ]);
  const buckets = new Map<string, { vantageId: string; bucketStart: number; acc: RollupAccumulator }>();
  const add = (vantageId: string, bucketStart: number, acc: RollupAccumulator | null) => {
    if (!acc || bucketStart < from) return;
    const key = `${bucketStart} ${vantageId}`;
    const known = buckets.get(key);
    buckets.set(key, { vantageId, bucketStart, acc: known ? mergeAccumulators(known.acc, acc) : acc });
  };
  for (const r of rows) add(r.vantageId, r.bucketStart, r.transports);
  for (const s of states) add(s.vantageId, granularity === "hour" ? s.hourStart : dayOf(s.hourStart), s.hourAcc);
  const out: ChartBucket[] = [...buckets.values()].flatMap(({ vantageId, bucketStart, acc }) =>
    Object.entries(acc).map(([transport, t]) => ({ vantageId, transport, bucketStart, ...bucketFigures(t) })),
  );
  out.sort(
    (a, b) =>
      a.bucketStart - b.bucketStart || a.vantageId.localeCompare(b.vantageId) || a.transport.localeCompare(b.transport),
  );
  return { granularity, from, to: now, buckets: out };
}

export interface AvailabilityPoint {
  monitorId: string;
  bucketStart: number;
  runs: number;
  successes: number;
}

/**
 * Hourly availability of these monitors since `from`, all vantages summed: the overview's
 * sparklines. One range of the rollup key per monitor, plus the hours state rows still count.
 */
export async function hourlyAvailabilityOfMonitors(
  db: Db,
  monitorIds: readonly string[],
  from: number,
): Promise<AvailabilityPoint[]> {
  const [pages, states] = await Promise.all([
    Promise.all(
      chunk([...new Set(monitorIds)], IDS_PER_LIST).map((ids) =>
        db
          .select({
            monitorId: rollups.monitorId,
            bucketStart: rollups.bucketStart,
            runs: sql<number>`sum(${rollups.runs})`,
            successes: sql<number>`sum(${rollups.successes})`,
          })
          .from(rollups)
          .where(and(idIn(rollups.monitorId, ids), eq(rollups.granularity, "hour"), gte(rollups.bucketStart, from)))
          .groupBy(rollups.monitorId, rollups.bucketStart),
      ),
    ),
    vantageStatesOf(db, monitorIds),
  ]);
  const points = new Map<string, AvailabilityPoint>();
  const add = (monitorId: string, bucketStart: number, runs: number, successes: number) => {
    const key = `${monitorId} ${bucketStart}`;
    const p = points.get(key) ?? { monitorId, bucketStart, runs: 0, successes: 0 };
    points.set(key, { ...p, runs: p.runs + Number(runs), successes: p.successes + Number(successes) });
  };
  for (const p of pages.flat()) add(p.monitorId, p.bucketStart, p.runs, p.successes);
  for (const s of states) {
    const all = s.hourAcc?.[OVERALL];
    if (all && s.hourStart >= from) add(s.monitorId, s.hourStart, all.runs, all.ok);
  }
  return [...points.values()].sort((a, b) => a.monitorId.localeCompare(b.monitorId) || a.bucketStart - b.bucketStart);
}

/**
 * Runs and successful runs of a monitor since `from`, every vantage (or the regions only): the
 * hourly rollups plus the hours state rows still count.
 */
export async function availabilitySince(
  db: Db,
  monitorId: string,
  from: number,
  options: { regionsOnly?: boolean } = {},
): Promise<{ runs: number; successes: number }> {
  // Public pages count the cloud regions only (region vantage ids start with "region:").
  const regionsOnly = options.regionsOnly ? like(rollups.vantageId, "region:%") : undefined;
  const [[row], states] = await Promise.all([
    db
      .select({
        runs: sql<number>`coalesce(sum(${rollups.runs}), 0)`,
        successes: sql<number>`coalesce(sum(${rollups.successes}), 0)`,
      })
      .from(rollups)
      .where(
        and(
          eq(rollups.monitorId, monitorId),
          eq(rollups.granularity, "hour"),
          gte(rollups.bucketStart, from),
          regionsOnly,
        ),
      ),
    vantageStatesOf(db, [monitorId]),
  ]);
  let runs = Number(row?.runs ?? 0);
  let successes = Number(row?.successes ?? 0);
  for (const s of states) {
    const all = s.hourAcc?.[OVERALL];
    if (!all || s.hourStart < from || (options.regionsOnly && !s.vantageId.startsWith("region:"))) continue;
    runs += all.runs;
    successes += all.ok;
  }
  return { runs, successes };
}

const FLUSH_PAGE = 200;

/**
 * Writes the closed hours of state rows whose pair stopped running (a paused or deleted
 * monitor, a dropped region, an agent switched off): a running pair writes its own when its next
 * run comes. Pages through the state rows by key, at most `maxPages` pages. Returns pairs flushed.
 */
export async function flushStaleAccumulators(db: Db, now: number, maxPages = 50): Promise<number> {
  const hourStart = Math.floor(now / HOUR_MS) * HOUR_MS;
  let after = { monitorId: "", vantageId: "" };
  let flushed = 0;
  for (let page = 0; page < maxPages; page++) {
    const rows = await db
      .select()
      .from(vantageStates)
      .where(
        sql`(${vantageStates.monitorId}, ${vantageStates.vantageId}) > (${after.monitorId}, ${after.vantageId}) AND ${isNotNull(vantageStates.hourAcc)} AND ${lt(vantageStates.hourStart, hourStart)}`,
      )
      .orderBy(asc(vantageStates.monitorId), asc(vantageStates.vantageId))
      .limit(FLUSH_PAGE);
    const closed = rows.flatMap((s) => {
      const plan = planFlush(s, hourStart);
      return plan ? [{ state: s, ...plan }] : [];
    });
    await runStatements(db, [
      ...bucketStatements(
        db,
        closed.map((c) => ({ monitorId: c.state.monitorId, vantageId: c.state.vantageId, hour: c.hour, day: c.day })),
      ),
      // Only if no run came meanwhile: that run wrote the same hour itself.
      ...closed.map((c) =>
        db
          .update(vantageStates)
          .set({ hourAcc: null, dayAcc: c.dayAcc })
          .where(
            and(
              eq(vantageStates.monitorId, c.state.monitorId),
              eq(vantageStates.vantageId, c.state.vantageId),
              eq(vantageStates.lastRunAt, c.state.lastRunAt),
            ),
          ),
      ),
    ]);
    flushed += closed.length;
    const last = rows.at(-1);
    if (!last || rows.length < FLUSH_PAGE) break;
    after = { monitorId: last.monitorId, vantageId: last.vantageId };
  }
  return flushed;
}

export { DAY_MS, HOUR_MS };

/** Rollups older than their retention, one page of monitors at a time (the key's first column). */
export async function deleteExpiredRollups(
  db: Db,
  cutoffs: { hour: number; day: number },
  maxPages = 200,
): Promise<void> {
  let afterId = "";
  for (let page = 0; page < maxPages; page++) {
    const ids = (
      await db
        // The state rows name every monitor with history (9 rows each, where rollups have thousands).
        .selectDistinct({ id: vantageStates.monitorId })
        .from(vantageStates)
        .where(gt(vantageStates.monitorId, afterId))
        .orderBy(asc(vantageStates.monitorId))
        .limit(IDS_PER_READ)
    ).map((r) => r.id);
    if (ids.length === 0) break;
    await runStatements(db, [
      db
        .delete(rollups)
        .where(
          and(inArray(rollups.monitorId, ids), eq(rollups.granularity, "hour"), lt(rollups.bucketStart, cutoffs.hour)),
        ),
      db
        .delete(rollups)
        .where(
          and(inArray(rollups.monitorId, ids), eq(rollups.granularity, "day"), lt(rollups.bucketStart, cutoffs.day)),
        ),
    ]);
    afterId = ids.at(-1) ?? afterId;
    if (ids.length < IDS_PER_READ) break;
  }
}

export const DAILY_ROLLUP_RETENTION_MS = 400 * DAY_MS;
