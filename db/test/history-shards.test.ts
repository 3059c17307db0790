import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { describe, expect, it } from "vitest";
import {
  type Db,
  HISTORY_TABLES,
  historyShardsOf,
  LEGACY_SHARD,
  leastLoadedShard,
  NUMBERED_HISTORY_TABLES,
  placeOrganisation,
  reserveShardIdRange,
  SHARD_ID_SPAN,
  shardIdBase,
  shardLoads,
} from "../src/index";
import * as schema from "../src/schema/index";
import { NOW, organisation, testDb } from "./fixtures";

describe("the history shard directory", () => {
  const db = testDb();
  const shards = ["HISTORY_1", "HISTORY_2"];

  it("places new organisations on the shard with the fewest, ties to the first listed", async () => {
    for (const id of ["org_p1", "org_p2", "org_p3", "org_p4", "org_p5"]) await organisation(db, id);
    const placed = [];
    for (const id of ["org_p1", "org_p2", "org_p3"]) placed.push((await placeOrganisation(db, id, shards, NOW)).shard);
    expect(placed).toEqual(["HISTORY_1", "HISTORY_2", "HISTORY_1"]);
    // A shard added later takes the new organisations until it has caught up.
    expect(await leastLoadedShard(db, [...shards, "HISTORY_3"])).toBe("HISTORY_3");
    expect((await placeOrganisation(db, "org_p4", [...shards, "HISTORY_3"], NOW)).shard).toBe("HISTORY_3");
    expect(await shardLoads(db)).toMatchObject({ HISTORY_1: 2, HISTORY_2: 1, HISTORY_3: 1 });
  });

  it("keeps a placed organisation where it is, even when asked again with other shards", async () => {
    const again = await placeOrganisation(db, "org_p1", ["HISTORY_2"], NOW + 1);
    expect(again).toMatchObject({ organisationId: "org_p1", shard: "HISTORY_1", placedAt: NOW });
    expect([...(await historyShardsOf(db, ["org_p1", "org_p5"])).keys()]).toEqual(["org_p1"]);
  });

  it("refuses to place with no shard configured, or an organisation that does not exist", async () => {
    await expect(placeOrganisation(db, "org_p5", [], NOW)).rejects.toThrow(/HISTORY_SHARDS is empty/);
    await expect(placeOrganisation(db, "org_missing", shards, NOW)).rejects.toThrow();
  });

  it("gives every shard its own id range and raises a shard's counters to it once", async () => {
    expect(shardIdBase(LEGACY_SHARD)).toBe(0);
    expect(shardIdBase("HISTORY_2")).toBe(2 * SHARD_ID_SPAN);
    expect(shardIdBase("EU_ARCHIVE")).toBeGreaterThanOrEqual(4096 * SHARD_ID_SPAN);
    expect(shardIdBase("EU_ARCHIVE")).toBeLessThan(2 ** 53);
    const shard = drizzle(env.HISTORY_2, { schema }) as unknown as Db;
    await reserveShardIdRange(shard, "HISTORY_2", ["state_span", "finding"]);
    await reserveShardIdRange(shard, "HISTORY_2", ["state_span", "finding"]);
    const { results } = await env.HISTORY_2.prepare(
      "SELECT name, seq FROM sqlite_sequence WHERE name IN ('finding', 'state_span') ORDER BY name",
    ).all();
    expect(results).toEqual([
      { name: "finding", seq: 2 * SHARD_ID_SPAN },
      { name: "state_span", seq: 2 * SHARD_ID_SPAN },
    ]);
  });

  it("reserves ranges for exactly the history tables that have AUTOINCREMENT ids", async () => {
    const { results } = await env.HISTORY_2.prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%AUTOINCREMENT%' AND name IN (${HISTORY_TABLES.map((t) => `'${t.name}'`).join(", ")}) ORDER BY name`,
    ).all<{ name: string }>();
    expect([...NUMBERED_HISTORY_TABLES].sort()).toEqual(results.map((r) => r.name));
    expect(NUMBERED_HISTORY_TABLES).not.toContain("vantage_state");
  });
});

describe("upgrading a database made by the earlier migrations", () => {
  it("pins every existing organisation to the control database, where its history already is", async () => {
    const before = env.TEST_MIGRATIONS.filter((m) => !m.name.startsWith("0008"));
    expect(before.length).toBe(env.TEST_MIGRATIONS.length - 1);
    await applyD1Migrations(env.UPGRADE, before);
    await env.UPGRADE.batch([
      env.UPGRADE.prepare(
        "INSERT INTO organisation (id, name, slug, created_at) VALUES ('org_old', 'Old', 'old', ?)",
      ).bind(NOW),
      env.UPGRADE.prepare(
        "INSERT INTO organisation (id, name, slug, created_at) VALUES ('org_older', 'Older', 'older', ?)",
      ).bind(NOW - 1),
    ]);
    await applyD1Migrations(env.UPGRADE, env.TEST_MIGRATIONS);
    const upgraded = drizzle(env.UPGRADE, { schema }) as unknown as Db;
    const rows = await historyShardsOf(upgraded, ["org_old", "org_older"]);
    expect(rows.get("org_old")).toMatchObject({ shard: "DB", placedAt: NOW, targetShard: null });
    expect(rows.get("org_older")).toMatchObject({ shard: "DB", placedAt: NOW - 1 });
  });
});
