import { type Finding, failedRunSummary } from "@sipwatch/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Db,
  findingsTimeline,
  openFindings,
  pairKey,
  type RunRecord,
  recordRunStatements,
  runsInRange,
  storedReportIds,
} from "../src/index";
import { monitor, NOW, organisation, testDb } from "./fixtures";

const MINUTE = 60_000;

const finding: Finding = {
  id: "dns.srv.target-unresolvable",
  severity: "critical",
  title: "SRV target sip2.mon_a1.sipwatch.test has no address",
  detail: "Phones that pick it cannot register.",
  fix: "Add an A record for sip2 or remove it from the SRV set.",
  subject: "sip2.mon_a1.sipwatch.test",
  evidence: { target: "sip2.mon_a1.sipwatch.test" },
};

const run = (startedAt: number, extra: Partial<RunRecord> = {}): RunRecord => ({
  monitorId: "mon_a1",
  vantageId: "weur",
  startedAt,
  durationMs: 120,
  summary: failedRunSummary("timeout"),
  opened: [],
  resolvedIds: [],
  ...extra,
});

async function record(db: Db, records: RunRecord[]) {
  const [first, ...rest] = recordRunStatements(db, records);
  if (first) await db.batch([first, ...rest]);
}

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-a");
  await organisation(db, "org-b");
  await monitor(db, "org-a", "mon_a1");
  await monitor(db, "org-b", "mon_b1");
});

describe("run and finding history", () => {
  it("records runs and opens a finding on the run that saw it first", async () => {
    await record(db, [run(NOW, { opened: [finding] }), run(NOW, { vantageId: "enam" })]);
    await record(db, [run(NOW + MINUTE)]);
    const recorded = await runsInRange(db, "mon_a1", NOW, NOW + 2 * MINUTE);
    // Oldest first; runs of one minute come in no particular vantage order.
    expect(recorded.map((r) => [r.startedAt, r.status])).toEqual([
      [NOW, "error"],
      [NOW, "error"],
      [NOW + MINUTE, "error"],
    ]);
    expect(recorded.map((r) => r.vantageId)).toEqual(expect.arrayContaining(["weur", "enam"]));
    const firstWeur = recorded.find((r) => r.vantageId === "weur");
    expect(await runsInRange(db, "mon_a1", NOW + MINUTE, NOW + 2 * MINUTE)).toHaveLength(1);
    const open = (await openFindings(db, ["mon_a1", "mon_b1"])).get(pairKey("mon_a1", "weur"));
    expect(open).toMatchObject([{ findingId: "dns.srv.target-unresolvable", severity: "critical" }]);
    const [opened] = await findingsTimeline(db, "mon_a1");
    expect(opened).toMatchObject({ openedAt: NOW, openedRunId: firstWeur?.id, resolvedAt: null });
  });

  it("resolves a finding, last seen on the run before", async () => {
    const [open] = (await openFindings(db, ["mon_a1"])).get(pairKey("mon_a1", "weur")) ?? [];
    if (!open) throw new Error("no open finding");
    await record(db, [run(NOW + 2 * MINUTE, { resolvedIds: [open.id] })]);
    expect((await openFindings(db, ["mon_a1"])).size).toBe(0);
    expect(await findingsTimeline(db, "mon_a1")).toMatchObject([
      { id: open.id, resolvedAt: NOW + 2 * MINUTE, lastSeenAt: NOW + MINUTE },
    ]);
  });

  it("knows an agent's report once per monitor, not across monitors of other organisations", async () => {
    await record(db, [run(NOW + 3 * MINUTE, { vantageId: "agt_a", reportId: "rep_1" })]);
    const stored = await storedReportIds(db, [
      { monitorId: "mon_a1", reportId: "rep_1" },
      { monitorId: "mon_b1", reportId: "rep_1" },
      { monitorId: "mon_a1", reportId: "rep_2" },
    ]);
    expect(stored).toEqual(new Set(["mon_a1/rep_1"]));
    // The same report id from org-b's monitor is its own report, stored beside it.
    await record(db, [run(NOW + 3 * MINUTE, { monitorId: "mon_b1", vantageId: "agt_b", reportId: "rep_1" })]);
    expect(await runsInRange(db, "mon_b1", NOW, NOW + 4 * MINUTE)).toMatchObject([{ reportId: "rep_1" }]);
    // A resend for the same monitor breaks the unique index: the API filters resends with storedReportIds first.
    await expect(record(db, [run(NOW + 4 * MINUTE, { vantageId: "agt_a", reportId: "rep_1" })])).rejects.toThrow();
  });
});
