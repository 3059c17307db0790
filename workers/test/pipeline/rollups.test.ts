import { env } from "cloudflare:workers";
import { failedRunSummary, type RunSummary } from "@sipwatch/core";
import { chunk, DAY_MS, deleteExpiredRuns, HOUR_MS, rollupDay, rollupHour, runs } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { runMaintenance } from "../../src/scheduled/maintenance";
import { countRows, insertMonitor, insertOrganisation, labServices, testApp } from "./seed";

const summary = (tlsMs: number | null): RunSummary =>
  ({
    ...failedRunSummary(""),
    error: undefined,
    status: tlsMs === null ? "critical" : "ok",
    transports: { tls: { ok: tlsMs !== null, ms: tlsMs } },
  }) as RunSummary;

/** One run a minute from `hourStart`; ten rows per insert, since D1 binds at most 100 parameters. */
async function insertRuns(monitorId: string, hourStart: number, tlsMs: Array<number | null>) {
  const services = labServices();
  const rows = tlsMs.map((ms, i) => ({
    monitorId,
    vantageId: "region:weur",
    startedAt: hourStart + i * 60_000,
    durationMs: 100,
    status: summary(ms).status,
    summary: summary(ms),
  }));
  for (const group of chunk(rows, 10)) await services.db.insert(runs).values(group);
}

type RollupRow = {
  transport: string;
  granularity: string;
  runs: number;
  successes: number;
  p50_ms: number | null;
  p95_ms: number | null;
};
const rollupRows = async (monitorId: string, granularity: string) =>
  (
    await env.DB.prepare(
      "SELECT transport, granularity, runs, successes, p50_ms, p95_ms FROM rollup WHERE monitor_id = ? AND granularity = ? ORDER BY bucket_start, transport",
    )
      .bind(monitorId, granularity)
      .all<RollupRow>()
  ).results;

describe("rollups and retention", () => {
  it("rolls an hour up per transport and overall, idempotently", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const id = await insertMonitor(services, org, { target: "example.com" });
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
    await insertRuns(id, hour, [10, 20, 30, 40, null]);
    // A run of the next hour stays out of this bucket.
    await insertRuns(id, hour + HOUR_MS, [999]);
    await rollupHour(services.db, hour);
    await rollupHour(services.db, hour);
    expect(await rollupRows(id, "hour")).toEqual([
      { transport: "all", granularity: "hour", runs: 5, successes: 4, p50_ms: 20, p95_ms: 40 },
      { transport: "tls", granularity: "hour", runs: 5, successes: 4, p50_ms: 20, p95_ms: 40 },
    ]);

    await rollupHour(services.db, hour + HOUR_MS);
    const day = Math.floor(hour / DAY_MS) * DAY_MS;
    await rollupDay(services.db, day);
    const daily = await rollupRows(id, "day");
    // Both hours fall in the same UTC day unless the test runs right after midnight.
    expect(daily.find((r) => r.transport === "tls")?.runs).toBe(hour + HOUR_MS < day + DAY_MS ? 6 : 5);

    const app = testApp(services, { organisationId: org });
    const response = await app.request(`/api/v1/monitors/${id}/history/rollups?window=24h`);
    const body = (await response.json()) as { granularity: string; buckets: unknown[] };
    expect(body.granularity).toBe("hour");
    expect(body.buckets).toHaveLength(4);
  });

  it("deletes expired runs in bounded chunks and leaves rollups", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const id = await insertMonitor(services, org, { target: "example.com" });
    const old = Date.now() - 40 * DAY_MS;
    await insertRuns(
      id,
      old,
      Array.from({ length: 25 }, () => 10),
    );
    await insertRuns(id, Date.now() - HOUR_MS, [10]);
    await rollupHour(services.db, Math.floor(old / HOUR_MS) * HOUR_MS);
    expect(await deleteExpiredRuns(services.db, Date.now() - 30 * DAY_MS, { chunkRows: 10, maxChunks: 2 })).toBe(20);
    expect(await countRows("run", id)).toBe(6);
    // The scheduled maintenance uses config.retentionDays (30) and removes the rest.
    const done = await runMaintenance(services, Date.now());
    expect(done.runsDeleted).toBeGreaterThanOrEqual(5);
    expect(await countRows("run", id)).toBe(1);
    expect((await rollupRows(id, "hour")).length).toBeGreaterThan(0);
  });
});
