import { env } from "cloudflare:workers";
import { advanceShardMove, cancelShardMove, HISTORY_TABLES, historyShards, MOVE_GRACE_MS } from "@sipwatch/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run-scheduled";
import { insertMonitor } from "../pipeline/seed";
import { organisationOnShard, rowsIn, runsIn, shardServices } from "./shard-seed";

// 14:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 24, 14, 30);
const MINUTE = 60_000;
const TABLES = HISTORY_TABLES.map((t) => t.name);
const d1 = (shard: string) => (env as unknown as Record<string, D1Database>)[shard] as D1Database;

async function snapshot(db: D1Database, monitorIds: string[]) {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await rowsIn(db, t, monitorIds)])));
}

async function directoryRow(organisationId: string) {
  const [row] = await shardServices()
    .db.select()
    .from(historyShards)
    .where(eq(historyShards.organisationId, organisationId));
  return row;
}

/** Steps the move (one chunk each, a fresh Worker each time) until it reports done. */
async function advanceUntilDone(organisationId: string, from: number): Promise<string[]> {
  const phases: string[] = [];
  for (let step = 0, now = from; step < 60; step++, now += MINUTE) {
    const s = shardServices();
    const done = await advanceShardMove(s.db, (name) => s.history.database(name), organisationId, now, 1);
    phases.push(done.phase);
    if (done.phase === "done") break;
  }
  return phases;
}

describe("cancelling a shard move before the flip", () => {
  it("resumes writes on the source at once, deletes the partial copy from the target, and a later move carries the newest rows", async () => {
    const services = shardServices();
    const org = await organisationOnShard(services);
    const source = org.shard;
    const target = source === "HISTORY_1" ? "HISTORY_2" : "HISTORY_1";
    const monitors = [
      await insertMonitor(services, org.id, { target: "expired.sipwatch.test", regions: ["weur", "enam"] }),
    ];
    await runTick(shardServices(), T0);
    await runTick(shardServices(), T0 + MINUTE);
    expect(await runsIn(d1(source), monitors)).toBe(4);

    // Start the move and let it copy part of the history (one chunk: the state rows).
    await services.db
      .update(historyShards)
      .set({ targetShard: target })
      .where(eq(historyShards.organisationId, org.id));
    const step = (now: number) =>
      advanceShardMove(services.db, (name) => services.history.database(name), org.id, now, 1);
    expect(await step(T0 + 2 * MINUTE)).toMatchObject({ phase: "wait" });
    expect(await step(T0 + 2 * MINUTE + MOVE_GRACE_MS)).toMatchObject({ phase: "copy" });
    expect((await rowsIn(d1(target), "vantage_state", monitors)).length).toBe(2);

    expect(await cancelShardMove(services.db, org.id)).toBe("cancelled, target draining");
    expect(await directoryRow(org.id)).toMatchObject({ shard: source, targetShard: null, drainShard: target });

    // Writes go to the source again right away; the tick's maintenance drains the partial copy.
    await runTick(shardServices(), T0 + 30 * MINUTE);
    expect(await runsIn(d1(source), monitors)).toBe(6);
    const phases = await advanceUntilDone(org.id, T0 + 31 * MINUTE);
    expect(phases.at(-1)).toBe("done");
    expect(await directoryRow(org.id)).toMatchObject({ shard: source, drainShard: null, moveCursor: null });
    for (const table of TABLES) expect(await rowsIn(d1(target), table, monitors)).toEqual([]);
    expect(await cancelShardMove(services.db, org.id)).toBe("no move");

    // A later move copies the source as it is now: no stale copy from the cancelled one survives.
    const now = await snapshot(d1(source), monitors);
    await services.db
      .update(historyShards)
      .set({ targetShard: target })
      .where(eq(historyShards.organisationId, org.id));
    const later = await advanceUntilDone(org.id, T0 + 40 * MINUTE);
    expect(later.at(-1)).toBe("done");
    expect(await directoryRow(org.id)).toMatchObject({ shard: target, targetShard: null, drainShard: null });
    expect(await snapshot(d1(target), monitors)).toEqual(now);
    expect(await runsIn(d1(target), monitors)).toBe(6);
  });
});
