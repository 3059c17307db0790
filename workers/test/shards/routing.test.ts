import { env } from "cloudflare:workers";
import { shardLoads } from "@sipwatch/db";
import { beforeAll, describe, expect, it } from "vitest";
import { overviewRoutes } from "../../src/http/routes/overview";
import { runTick } from "../../src/scheduled/run-scheduled";
import { insertMonitor, testApp } from "../pipeline/seed";
import { countIn, mirrorControlRows, organisationOnShard, shardServices } from "./shard-seed";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 22, 10, 30);

describe("history on two shards", () => {
  const services = shardServices();
  const orgs: Array<{ id: string; shard: string; monitor: string }> = [];

  beforeAll(async () => {
    for (let i = 0; i < 3; i++) {
      const org = await organisationOnShard(services);
      const monitor = await insertMonitor(services, org.id, {
        target: "live.sipwatch.test",
        regions: ["weur", "enam"],
      });
      await mirrorControlRows(org.id);
      orgs.push({ ...org, monitor });
    }
    await runTick(shardServices(), T0);
  });

  it("places each new organisation on the shard holding the fewest, so both shards get some", async () => {
    expect(orgs.map((o) => o.shard)).toEqual(["HISTORY_1", "HISTORY_2", "HISTORY_1"]);
    expect(await shardLoads(services.db)).toEqual({ HISTORY_1: 2, HISTORY_2: 1 });
  });

  it("keeps an organisation on its shard once placed", async () => {
    const again = await shardServices().history.shardsOf(orgs.map((o) => o.id));
    expect(orgs.map((o) => again.get(o.id)?.shard)).toEqual(orgs.map((o) => o.shard));
  });

  it("stores a tick's audits in each organisation's shard and nowhere else", async () => {
    for (const org of orgs) {
      const other = org.shard === "HISTORY_1" ? "HISTORY_2" : "HISTORY_1";
      expect(await countIn(env[org.shard as "HISTORY_1"] as D1Database, "run", [org.monitor])).toBe(2);
      expect(await countIn(env[other as "HISTORY_1"] as D1Database, "run", [org.monitor])).toBe(0);
      expect(await countIn(env.DB, "run", [org.monitor])).toBe(0);
      expect(await countIn(env[org.shard as "HISTORY_1"] as D1Database, "dns_snapshot", [org.monitor])).toBe(2);
    }
  });

  it("numbers each shard's rows in its own id range", async () => {
    const first = await env.HISTORY_1?.prepare("SELECT min(id) AS id FROM run").first<{ id: number }>();
    const second = await env.HISTORY_2?.prepare("SELECT min(id) AS id FROM run").first<{ id: number }>();
    expect(first?.id).toBeGreaterThan(2 ** 40);
    expect(first?.id).toBeLessThan(2 ** 41);
    expect(second?.id).toBeGreaterThan(2 ** 41);
  });

  it("serves each organisation's overview from its own shard", async () => {
    for (const org of orgs) {
      const res = await testApp(shardServices(), { organisationId: org.id }, overviewRoutes).request(
        "/api/v1/overview",
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { monitors: Array<{ id: string; vantages: unknown[] }> };
      expect(body.monitors.map((m) => [m.id, m.vantages.length])).toEqual([[org.monitor, 2]]);
    }
  });

  it("serves each organisation's report from its own shard", async () => {
    for (const org of orgs) {
      const res = await testApp(shardServices(), { organisationId: org.id }).request(
        `/api/v1/monitors/${org.monitor}/report`,
      );
      expect(res.status).toBe(200);
      const body = (await res.json()) as { vantages: Array<{ vantageId: string; dns: unknown }> };
      expect(body.vantages.map((v) => v.vantageId)).toEqual(["region:enam", "region:weur"]);
      expect(body.vantages.every((v) => v.dns !== null)).toBe(true);
    }
  });
});
