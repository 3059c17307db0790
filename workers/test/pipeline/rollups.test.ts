import { failedRunSummary, type RunSummary } from "@sipwatch/core";
import { DAY_MS, HOUR_MS } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import type { AuditResult } from "../../src/probing/audit-job";
import { storeResults } from "../../src/probing/store-results";
import { runMaintenance } from "../../src/scheduled/maintenance";
import { historyD1OfOrganisation, historyDbOfMonitor, organisationOfMonitor } from "../history-db";
import { countRows, insertMonitor, insertOrganisation, labServices, testApp } from "./seed";

const summary = (tlsMs: number | null): RunSummary =>
  ({
    ...failedRunSummary(""),
    error: undefined,
    status: tlsMs === null ? "critical" : "ok",
    transports: { tls: { ok: tlsMs !== null, ms: tlsMs } },
  }) as RunSummary;

/** One run a minute from `hourStart`, stored as a tick stores them. */
async function storeRuns(monitorId: string, hourStart: number, tlsMs: Array<number | null>) {
  const services = labServices();
  const db = await historyDbOfMonitor(monitorId, services, { write: true });
  const organisation = await organisationOfMonitor(monitorId, services);
  for (const [i, ms] of tlsMs.entries()) {
    const result: AuditResult = {
      monitorId,
      vantageId: "region:weur",
      startedAt: hourStart + i * 60_000,
      durationMs: 100,
      summary: summary(ms),
      recordSets: [],
      hash: "h",
      resolution: null,
      findings: [],
    };
    await storeResults(db, [result], { organisationOf: () => organisation, control: services.db });
  }
}

type Bucket = { transport: string; bucketStart: number; runs: number; successes: number; p50Ms: number | null };

describe("rollups and retention", () => {
  it("charts every run per transport and overall, the current hour included, and writes an hour when it closes", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const id = await insertMonitor(services, org, { target: "example.com" });
    const hour = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS;
    await storeRuns(id, hour, [10, 20, 30, 40, null]);
    expect(await countRows("rollup", id)).toBe(0);
    // The first run of the next hour writes the hour that closed (and its day so far).
    await storeRuns(id, hour + HOUR_MS, [999]);
    expect(await countRows("rollup", id)).toBe(2);

    const app = testApp(services, { organisationId: org });
    const response = await app.request(`/api/v1/monitors/${id}/history/rollups?window=24h`);
    const body = (await response.json()) as { granularity: string; buckets: Bucket[] };
    expect(body.granularity).toBe("hour");
    expect(body.buckets.map((b) => [b.transport, b.bucketStart, b.runs, b.successes])).toEqual([
      ["all", hour, 5, 4],
      ["tls", hour, 5, 4],
      ["all", hour + HOUR_MS, 1, 1],
      ["tls", hour + HOUR_MS, 1, 1],
    ]);
    // Nearest-rank median of 10, 20, 30, 40 is 20; the histogram reads it within 5%.
    expect(Math.abs((body.buckets[0]?.p50Ms as number) - 20)).toBeLessThanOrEqual(1);
  });

  it("deletes spans past retention in bounded chunks and keeps the current state and the rollups", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const id = await insertMonitor(services, org, { target: "example.com" });
    // Half past the previous hour: never the minute hourly rollup retention runs (00:07 UTC),
    // which would rightly delete the 40-day-old hours this test expects to survive span retention.
    const now = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - HOUR_MS + 30 * 60_000;
    const old = now - 40 * DAY_MS;
    // Alternating outcomes: every run is a change, so 12 spans 40 days ago, then one recent.
    await storeRuns(
      id,
      old,
      Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? 10 : null)),
    );
    await storeRuns(id, now - HOUR_MS, [10]);
    expect(await countRows("state_span", id)).toBe(13);
    // The scheduled maintenance uses config.retentionDays (30).
    const done = await runMaintenance(services, now);
    expect(done.spansDeleted).toBe(12);
    expect(await countRows("state_span", id)).toBe(1);
    expect(await countRows("vantage_state", id)).toBe(1);
    const hours = await (await historyD1OfOrganisation(org, services))
      .prepare("SELECT count(*) AS n FROM rollup WHERE monitor_id = ? AND granularity = 'hour'")
      .bind(id)
      .first<{ n: number }>();
    expect(hours?.n).toBeGreaterThan(0);
  });
});
