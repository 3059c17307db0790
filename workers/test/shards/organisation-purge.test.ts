import { env } from "cloudflare:workers";
import { deleteOrganisation, pendingPurges, purgeHistoryStep } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { monitorRoutes } from "../../src/http/routes/monitors";
import { runMaintenance } from "../../src/scheduled/maintenance";
import { runTick } from "../../src/scheduled/run-scheduled";
import { insertMonitor, testApp } from "../pipeline/seed";
import { organisationOnShard, runsIn, shardServices } from "./shard-seed";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 23, 10, 30);
const MINUTE = 60_000;

describe("the history of a deleted organisation", () => {
  it("is deleted from its shard in bounded steps by the maintenance tick; other organisations keep theirs", async () => {
    const services = shardServices();
    const gone = await organisationOnShard(services);
    const kept = await organisationOnShard(services);
    const goneMonitors = [
      await insertMonitor(services, gone.id, { target: "live.sipwatch.test", regions: ["weur", "enam"] }),
      await insertMonitor(services, gone.id, { target: "expired.sipwatch.test" }),
    ];
    const keptMonitor = await insertMonitor(services, kept.id, { target: "expired.sipwatch.test" });
    await runTick(shardServices(), T0);
    await runTick(shardServices(), T0 + MINUTE);
    const shardOf = (shard: string) => env[shard as "HISTORY_1"] as D1Database;
    expect(await runsIn(shardOf(gone.shard), goneMonitors)).toBe(6);
    const keptRuns = await runsIn(shardOf(kept.shard), [keptMonitor]);
    expect(keptRuns).toBe(2);

    await deleteOrganisation(services.db, gone.id, [gone.shard], T0 + 2 * MINUTE);
    expect(await pendingPurges(services.db, gone.shard)).toBe(2);

    // One DELETE of one row per step: the queue stays until every table is clear.
    const shardDb = services.history.database(gone.shard);
    expect(await purgeHistoryStep(services.db, shardDb, gone.shard, { chunkRows: 1, maxChunks: 1 })).toBe(1);
    expect(await pendingPurges(services.db, gone.shard)).toBe(2);

    for (let minute = 3; minute < 10 && (await pendingPurges(services.db, gone.shard)) > 0; minute++) {
      await runMaintenance(shardServices(), T0 + minute * MINUTE);
    }
    expect(await pendingPurges(services.db, gone.shard)).toBe(0);
    for (const table of ["vantage_state", "state_span", "dns_snapshot", "finding", "rollup"]) {
      const row = await shardOf(gone.shard)
        .prepare(`SELECT count(*) AS n FROM ${table} WHERE monitor_id IN (?, ?)`)
        .bind(...goneMonitors)
        .first<{ n: number }>();
      expect(row?.n, table).toBe(0);
    }
    expect(await runsIn(shardOf(kept.shard), [keptMonitor])).toBe(keptRuns);
  });

  it("takes a deleted monitor's history the same way, leaving its organisation's other monitors", async () => {
    const services = shardServices();
    const org = await organisationOnShard(services);
    const deleted = await insertMonitor(services, org.id, { target: "expired.sipwatch.test" });
    const kept = await insertMonitor(services, org.id, { target: "live.sipwatch.test" });
    await runTick(shardServices(), T0 + 20 * MINUTE);
    const shard = env[org.shard as "HISTORY_1"] as D1Database;
    const keptRuns = await runsIn(shard, [kept]);
    expect(await runsIn(shard, [deleted])).toBe(1);

    const app = testApp(services, { organisationId: org.id }, monitorRoutes);
    expect((await app.request(`/api/v1/monitors/${deleted}`, { method: "DELETE" })).status).toBe(204);
    expect((await app.request(`/api/v1/monitors/${deleted}`, { method: "DELETE" })).status).toBe(404);
    expect(await pendingPurges(services.db, org.shard)).toBeGreaterThanOrEqual(1);
    await runMaintenance(shardServices(), T0 + 21 * MINUTE);
    expect(await runsIn(shard, [deleted])).toBe(0);
    expect(await runsIn(shard, [kept])).toBe(keptRuns);
  });
});
