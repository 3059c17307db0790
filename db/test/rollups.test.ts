import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  availabilitySince,
  type Db,
  flushStaleAccumulators,
  HOUR_MS,
  hourlyAvailabilityOfMonitors,
  rollupsInWindow,
} from "../src/index";
import { monitor, organisation, testDb } from "./fixtures";
import { record, summary } from "./record";

const MINUTE = 60_000;
const DAY = 24 * HOUR_MS;
// Midnight UTC, so the hours below fall in one day.
const H0 = Date.UTC(2026, 11, 1);

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-r");
  await monitor(db, "org-r", "mon_r");
});

type RollupCount = { granularity: string; bucket_start: number; runs: number; successes: number };
const rowsOf = async () =>
  (
    await env.DB.prepare(
      "SELECT granularity, bucket_start, runs, successes FROM rollup WHERE monitor_id = 'mon_r' ORDER BY granularity, bucket_start",
    ).all<RollupCount>()
  ).results;

describe("rollups from state accumulators", () => {
  it("counts every run exactly, and writes an hour (and its day so far) when the next hour's first run comes", async () => {
    // Hour 0: 60 runs, 6 of them refused; round trips 40..99 ms.
    for (let m = 0; m < 60; m++) {
      await record(db, [
        { monitorId: "mon_r", startedAt: H0 + m * MINUTE, summary: summary(m % 10 === 9 ? null : 40 + m) },
      ]);
    }
    expect(await rowsOf()).toEqual([]);
    // Not yet written, but the chart already shows it.
    const live = await rollupsInWindow(db, "mon_r", "24h", H0 + HOUR_MS);
    expect(live.buckets.filter((b) => b.transport === "all")).toMatchObject([
      { bucketStart: H0, runs: 60, successes: 54 },
    ]);
    await record(db, [{ monitorId: "mon_r", startedAt: H0 + HOUR_MS, summary: summary(50) }]);
    expect(await rowsOf()).toEqual([
      { granularity: "day", bucket_start: H0, runs: 60, successes: 54 },
      { granularity: "hour", bucket_start: H0, runs: 60, successes: 54 },
    ]);
    const chart = await rollupsInWindow(db, "mon_r", "24h", H0 + 2 * HOUR_MS);
    const tls = chart.buckets.filter((b) => b.transport === "tls");
    expect(tls.map((b) => [b.bucketStart, b.runs, b.successes])).toEqual([
      [H0, 60, 54],
      [H0 + HOUR_MS, 1, 1],
    ]);
    // Nearest-rank p50 of the 54 successful times 40..98 (skipping each 9th) is 69; the histogram is within 5%.
    expect(Math.abs((tls[0]?.p50Ms as number) - 69) / 69).toBeLessThanOrEqual(0.05);
    expect(tls[0]?.p99Ms).toBeGreaterThanOrEqual(tls[0]?.p95Ms as number);
    expect(tls[0]?.p95Ms).toBeGreaterThan(tls[0]?.p50Ms as number);
    const day = await rollupsInWindow(db, "mon_r", "90d", H0 + 2 * HOUR_MS);
    expect(day.buckets.filter((b) => b.transport === "all")).toMatchObject([
      { bucketStart: H0, runs: 61, successes: 55 },
    ]);
  });

  it("availability adds the hour still being counted", async () => {
    expect(await availabilitySince(db, "mon_r", H0)).toEqual({ runs: 61, successes: 55 });
    expect(await availabilitySince(db, "mon_r", H0, { regionsOnly: true })).toEqual({ runs: 61, successes: 55 });
    const points = await hourlyAvailabilityOfMonitors(db, ["mon_r"], H0);
    expect(points).toEqual([
      { monitorId: "mon_r", bucketStart: H0, runs: 60, successes: 54 },
      { monitorId: "mon_r", bucketStart: H0 + HOUR_MS, runs: 1, successes: 1 },
    ]);
  });

  it("maintenance writes the closed hour of a pair that stopped running, once", async () => {
    expect(await flushStaleAccumulators(db, H0 + HOUR_MS + 30 * MINUTE)).toBe(0);
    expect(await flushStaleAccumulators(db, H0 + 2 * HOUR_MS + 2 * MINUTE)).toBe(1);
    expect(await flushStaleAccumulators(db, H0 + 2 * HOUR_MS + 3 * MINUTE)).toBe(0);
    expect(await rowsOf()).toEqual([
      { granularity: "day", bucket_start: H0, runs: 61, successes: 55 },
      { granularity: "hour", bucket_start: H0, runs: 60, successes: 54 },
      { granularity: "hour", bucket_start: H0 + HOUR_MS, runs: 1, successes: 1 },
    ]);
    // Nothing counted twice: the chart reads the same totals as before the flush.
    expect(await availabilitySince(db, "mon_r", H0)).toEqual({ runs: 61, successes: 55 });
    // The pair resumes the same day: its day row keeps growing from the flushed hours.
    await record(db, [{ monitorId: "mon_r", startedAt: H0 + 5 * HOUR_MS, summary: summary(null) }]);
    await record(db, [{ monitorId: "mon_r", startedAt: H0 + 6 * HOUR_MS, summary: summary(null) }]);
    const days = (await rowsOf()).filter((r) => r.granularity === "day");
    expect(days).toEqual([{ granularity: "day", bucket_start: H0, runs: 62, successes: 55 }]);
    expect(DAY).toBe(24 * HOUR_MS);
  });
});
