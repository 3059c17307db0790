import { env } from "cloudflare:workers";
import { advanceShardMove, historyShards, MOVE_GRACE_MS } from "@sipwatch/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { historyUnavailableIn } from "../../src/history/history-unavailable";
import { processAuditMessage } from "../../src/scheduled/process-audit-message";
import { planTick, runTick } from "../../src/scheduled/run-scheduled";
import { insertMonitor, testApp } from "../pipeline/seed";
import { mirrorControlRows, organisationOnShard, rowsIn, shardServices } from "./shard-seed";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 22, 10, 30);
const MINUTE = 60_000;
const TABLES = ["run", "dns_snapshot", "finding", "rollup"];
const h1 = () => env.HISTORY_1 as D1Database;
const h2 = () => env.HISTORY_2 as D1Database;

async function snapshot(db: D1Database, monitorIds: string[]) {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await rowsIn(db, t, monitorIds)])));
}

describe("moving an organisation between shards", () => {
  const services = shardServices();
  let moving: { id: string; monitors: string[] };
  let staying: { id: string; monitors: string[] };
  let before: Record<string, unknown[]>;
  let reportBefore: unknown;
  const report = async () =>
    (
      await testApp(shardServices(), { organisationId: moving.id }).request(
        `/api/v1/monitors/${moving.monitors[0]}/report`,
      )
    ).json();

  beforeAll(async () => {
    const a = await organisationOnShard(services);
    const b = await organisationOnShard(services);
    moving = {
      id: a.id,
      monitors: [
        await insertMonitor(services, a.id, { target: "live.sipwatch.test", regions: ["weur", "enam"] }),
        await insertMonitor(services, a.id, { target: "expired.sipwatch.test", regions: ["weur"] }),
      ],
    };
    staying = { id: b.id, monitors: [await insertMonitor(services, b.id, { target: "expired.sipwatch.test" })] };
    await mirrorControlRows(a.id);
    await mirrorControlRows(b.id);
    await runTick(shardServices(), T0);
    await runTick(shardServices(), T0 + MINUTE);
    before = await snapshot(h1(), moving.monitors);
    reportBefore = await report();
    expect(before.run).toHaveLength(6);
    expect(before.finding?.length).toBeGreaterThan(0);
  });

  it("refuses the organisation's writes from the moment a target is set, and keeps serving its reads", async () => {
    await services.db
      .update(historyShards)
      .set({ targetShard: "HISTORY_2" })
      .where(eq(historyShards.organisationId, moving.id));
    expect(
      await advanceShardMove(services.db, (s) => services.history.database(s), moving.id, T0 + 2 * MINUTE),
    ).toMatchObject({ phase: "wait" });
    const fresh = shardServices();
    const messages = await planTick(fresh, T0 + 2 * MINUTE);
    const mine = messages.find((m) => m.monitors.some((mon) => mon.organisationId === moving.id));
    if (!mine) throw new Error("no message for the moving organisation");
    const refused = await processAuditMessage(fresh, mine).catch((error) => historyUnavailableIn(error));
    expect(refused).toMatchObject({ reason: "moving", organisationId: moving.id });
    expect(await report()).toEqual(reportBefore);
  });

  it("copies in bounded steps that resume where an interrupted one stopped, then flips and empties the source", async () => {
    let now = T0 + 2 * MINUTE + MOVE_GRACE_MS;
    const phases: string[] = [];
    for (let step = 0; step < 50; step++) {
      // A fresh Worker instance each step: all the state is in the directory row.
      const fresh = shardServices();
      const done = await advanceShardMove(fresh.db, (s) => fresh.history.database(s), moving.id, now, 1);
      phases.push(done.phase);
      now += MINUTE;
      if (done.phase === "done") break;
    }
    expect(phases.filter((p) => p === "copy").length).toBeGreaterThan(2);
    expect(phases).toContain("delete");
    expect(phases.at(-1)).toBe("done");
    const [row] = await services.db.select().from(historyShards).where(eq(historyShards.organisationId, moving.id));
    expect(row).toMatchObject({ shard: "HISTORY_2", targetShard: null, drainShard: null, moveCursor: null });
    expect(await snapshot(h2(), moving.monitors)).toEqual(before);
    for (const table of TABLES) expect(await rowsIn(h1(), table, moving.monitors)).toEqual([]);
    // The organisation already on the target keeps its history, next to the moved rows.
    expect(await rowsIn(h2(), "run", staying.monitors)).toHaveLength(2);
  });

  it("serves the same report from the new shard and stores the next audits there", async () => {
    expect(await report()).toEqual(reportBefore);
    await runTick(shardServices(), T0 + 60 * MINUTE);
    expect(await rowsIn(h2(), "run", moving.monitors)).toHaveLength(9);
    expect(await rowsIn(h1(), "run", moving.monitors)).toHaveLength(0);
  });
});
