import { describe, expect, it } from "vitest";
import { processAuditMessage } from "../../src/scheduled/process-audit-message";
import { recordedResults } from "../../src/scheduled/recorded-round";
import { planTick } from "../../src/scheduled/run-scheduled";
import { historyD1OfOrganisation } from "../history-db";
import { insertMonitor } from "../pipeline/seed";
import { organisationOnShard, rowsIn, runsIn, shardServices } from "./shard-seed";

// 11:30 UTC, before the audits' own clock: every run stored counts as this round's.
const T = Date.UTC(2026, 10, 23, 11, 30);

describe("a queue message delivered again after its results were stored", () => {
  it("audits only the pairs not recorded for the round and replays the stored ones for the alerts", async () => {
    const services = shardServices();
    const org = await organisationOnShard(services);
    const monitorId = await insertMonitor(services, org.id, { target: "expired.sipwatch.test", regions: ["weur"] });
    const shard = await historyD1OfOrganisation(org.id, services);
    const mine = (await planTick(services, T)).find((m) => m.monitors.some((mon) => mon.id === monitorId));
    if (!mine) throw new Error("no message for the monitor");

    const first = await processAuditMessage(services, mine);
    expect(first).toMatchObject({ replayed: 0, stored: { runs: 1 } });
    const stored = await rowsIn(shard, "vantage_state", [monitorId]);
    const openFindings = (await rowsIn(shard, "finding", [monitorId])).filter((f) => f.resolved_at === null);
    expect(openFindings.length).toBeGreaterThan(0);

    // The redelivery (the invocation died after the write): nothing audited, nothing stored.
    const again = await processAuditMessage(shardServices(), mine, { attempts: 2 });
    expect(again).toMatchObject({ replayed: 1, batches: 0, stored: { runs: 0, opened: 0, resolved: 0 } });
    expect(await rowsIn(shard, "vantage_state", [monitorId])).toEqual(stored);
    expect(await runsIn(shard, [monitorId])).toBe(1);

    // What the alert round gets for the stored pair: its last run and what that run reported.
    const [state] = stored;
    const replay = (
      await recordedResults([{ db: await services.historyDbOf(org.id), monitors: mine.monitors }], T)
    ).get(`${monitorId} region:weur`);
    expect(replay?.startedAt).toBe(state?.last_run_at);
    expect(replay?.summary).toEqual(JSON.parse(String(state?.summary)));
    expect(replay?.findings.map((f) => `${f.id} ${f.subject}`).sort()).toEqual(
      openFindings.map((f) => `${f.finding_id} ${f.subject}`).sort(),
    );

    // A pair the first delivery did not store (here: a region added to the message) is audited.
    const widened = { ...mine, monitors: mine.monitors.map((m) => ({ ...m, regions: ["weur", "enam"] })) };
    const partial = await processAuditMessage(shardServices(), widened, { attempts: 3 });
    expect(partial).toMatchObject({ replayed: 1, stored: { runs: 1 } });
    const after = await rowsIn(shard, "vantage_state", [monitorId]);
    expect(after.map((r) => r.vantage_id)).toEqual(["region:enam", "region:weur"]);
    expect(after.find((r) => r.vantage_id === "region:weur")).toEqual(state);

    // A first delivery never replays: a newer state row there is a late previous minute's run.
    const fresh = await processAuditMessage(shardServices(), mine);
    expect(fresh).toMatchObject({ replayed: 0, stored: { runs: 1 } });
    expect(await runsIn(shard, [monitorId])).toBe(3);
  });
});
