import {
  combineBuckets,
  type RollupBucket,
  type RollupSample,
  type RunSummary,
  rollupBucket,
  rollupSamples,
} from "@sipwatch/core";
import { and, asc, eq, gt, gte, inArray, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rollups, runs } from "../schema/history";
import { monitors } from "../schema/monitors";
import { chunk, rowsPerStatement, runStatements, type Statement } from "./batching";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

// Keyset pages over run_time_idx: bounded memory and response size whatever the fleet.
const RUNS_PER_PAGE = 5000;
const ROLLUP_ROWS = rowsPerStatement(9);

type Key = { monitorId: string; vantageId: string; transport: string };
const keyOf = (k: Key) => `${k.monitorId}\u0000${k.vantageId}\u0000${k.transport}`;

/**
 * Aggregates the runs of [hourStart, hourStart + 1 h) into hourly rollup rows, one per
 * monitor x vantage x transport (and "all"). An upsert on the primary key: running it twice
 * for the same hour gives the same rows. Returns how many rows it wrote.
 */
export async function rollupHour(db: Db, hourStart: number): Promise<number> {
  const samples = new Map<string, { key: Key; samples: RollupSample[] }>();
  let after = { startedAt: hourStart - 1, id: Number.MAX_SAFE_INTEGER };
  for (;;) {
    const page = await db
      .select({
        id: runs.id,
        monitorId: runs.monitorId,
        vantageId: runs.vantageId,
        startedAt: runs.startedAt,
        status: runs.status,
        // Only the part rollups need: the whole summary lists every target and profile.
        transports: sql<string>`json_extract(${runs.summary}, '$.transports')`,
      })
      .from(runs)
      .where(
        and(
          lt(runs.startedAt, hourStart + HOUR_MS),
          or(gt(runs.startedAt, after.startedAt), and(eq(runs.startedAt, after.startedAt), gt(runs.id, after.id))),
        ),
      )
      .orderBy(asc(runs.startedAt), asc(runs.id))
      .limit(RUNS_PER_PAGE);
    for (const run of page) {
      const summary = { status: run.status, transports: JSON.parse(run.transports ?? "{}") } as RunSummary;
      for (const { transport, ...sample } of rollupSamples(summary)) {
        const key = { monitorId: run.monitorId, vantageId: run.vantageId, transport };
        const entry = samples.get(keyOf(key)) ?? { key, samples: [] };
        entry.samples.push(sample);
        samples.set(keyOf(key), entry);
      }
    }
    const last = page.at(-1);
    if (!last || page.length < RUNS_PER_PAGE) break;
    after = { startedAt: last.startedAt, id: last.id };
  }
  const rows = [...samples.values()].map(({ key, samples }) => ({ ...key, bucket: rollupBucket(samples) }));
  await runStatements(db, upserts(db, rows, "hour", hourStart));
  return rows.length;
}

// Daily rollups read hourly rows per monitor (the primary key's prefix), a page of monitors at a time.
const MONITORS_PER_PAGE = 90;

/** Combines the 24 hourly rows of [dayStart, dayStart + 1 day) into daily rows; idempotent like rollupHour. */
export async function rollupDay(db: Db, dayStart: number): Promise<number> {
  let written = 0;
  let afterId = "";
  for (;;) {
    const ids = (
      await db
        .select({ id: monitors.id })
        .from(monitors)
        .where(gt(monitors.id, afterId))
        .orderBy(asc(monitors.id))
        .limit(MONITORS_PER_PAGE)
    ).map((m) => m.id);
    if (ids.length === 0) break;
    afterId = ids.at(-1) ?? afterId;
    const hours = await db
      .select()
      .from(rollups)
      .where(
        and(
          inArray(rollups.monitorId, ids),
          eq(rollups.granularity, "hour"),
          gte(rollups.bucketStart, dayStart),
          lt(rollups.bucketStart, dayStart + DAY_MS),
        ),
      );
    const byKey = new Map<string, { key: Key; hours: RollupBucket[] }>();
    for (const h of hours) {
      const key = { monitorId: h.monitorId, vantageId: h.vantageId, transport: h.transport };
      const entry = byKey.get(keyOf(key)) ?? { key, hours: [] };
      entry.hours.push(h);
      byKey.set(keyOf(key), entry);
    }
    const rows = [...byKey.values()].map(({ key, hours }) => ({ ...key, bucket: combineBuckets(hours) }));
    await runStatements(db, upserts(db, rows, "day", dayStart));
    written += rows.length;
    if (ids.length < MONITORS_PER_PAGE) break;
  }
  return written;
}

function upserts(
  db: Db,
  rows: ReadonlyArray<Key & { bucket: RollupBucket }>,
  granularity: "hour" | "day",
  bucketStart: number,
): Statement[] {
  return chunk(rows, ROLLUP_ROWS).map((group) =>
    db
      .insert(rollups)
      .values(group.map(({ bucket, ...key }) => ({ ...key, granularity, bucketStart, ...bucket })))
      .onConflictDoUpdate({
        target: [rollups.monitorId, rollups.vantageId, rollups.transport, rollups.granularity, rollups.bucketStart],
        set: {
          runs: sql`excluded.runs`,
          successes: sql`excluded.successes`,
          p50Ms: sql`excluded.p50_ms`,
          p95Ms: sql`excluded.p95_ms`,
        },
      }),
  );
}
