import { env } from "cloudflare:workers";
import type { Finding, RunSummary } from "@sipwatch/core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Db,
  deleteExpiredSpans,
  findingsTimeline,
  HISTORY_TABLES,
  latestRunsOfMonitor,
  openFindings,
  openFindingsOfOrganisation,
  overviewOfOrganisation,
  pairKey,
  pendingPurges,
  purgeHistoryStep,
  spansInRange,
  storedReportIds,
} from "../src/index";
import { vantageStates } from "../src/schema/history";
import { historyPurges } from "../src/schema/history-shards";
import { monitor, NOW, organisation, testDb } from "./fixtures";
import { record, summary } from "./record";

const MINUTE = 60_000;

const finding: Finding = {
  id: "dns.srv.target-unresolvable",
  severity: "critical",
  title: "SRV target sip2.mon_a1.sipwatch.test has no address",
  detail: "Phones that pick it cannot register.",
  fix: "Add an A record for sip2 or remove it from the SRV set.",
  subject: "sip2.mon_a1.sipwatch.test",
  evidence: { srv: ["_sip._udp.mon_a1.sipwatch.test SRV 10 10 5060 sip2.mon_a1.sipwatch.test"], a: "nxdomain" },
};

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-a");
  await organisation(db, "org-b");
  await monitor(db, "org-a", "mon_a1");
  await monitor(db, "org-b", "mon_b1");
});

const rowCount = async (table: string, monitorId: string) =>
  (
    await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE monitor_id = ?`)
      .bind(monitorId)
      .first<{ n: number }>()
  )?.n;

describe("spans: history that grows with change", () => {
  it("runs with the same outcome extend one open span; round trips do not count as change", async () => {
    await record(db, [
      { startedAt: NOW, summary: summary(40) },
      { startedAt: NOW, vantageId: "region:enam" },
    ]);
    await record(db, [{ startedAt: NOW + MINUTE, summary: summary(95) }]);
    await record(db, [{ startedAt: NOW + 2 * MINUTE, summary: summary(41) }]);
    const spans = await spansInRange(db, "mon_a1", NOW, NOW + 3 * MINUTE);
    expect(spans.filter((s) => s.vantageId === "region:weur")).toMatchObject([
      { from: NOW, to: NOW + 2 * MINUTE, runs: 3, status: "ok", open: true },
    ]);
    expect(await rowCount("state_span", "mon_a1")).toBe(2);
    const [latest] = (await latestRunsOfMonitor(db, "mon_a1")).filter((r) => r.vantageId === "region:weur");
    expect(latest).toMatchObject({ startedAt: NOW + 2 * MINUTE, spanStartedAt: NOW, spanRuns: 3, status: "ok" });
    expect(latest?.summary.transports.tls?.ms).toBe(41);
  });

  it("a change closes the span with its last run and count, and opens the next", async () => {
    await record(db, [{ startedAt: NOW + 3 * MINUTE, summary: summary(null), opened: [finding], findings: [finding] }]);
    const spans = (await spansInRange(db, "mon_a1", NOW, NOW + 4 * MINUTE)).filter(
      (s) => s.vantageId === "region:weur",
    );
    expect(spans).toMatchObject([
      { from: NOW + 3 * MINUTE, to: NOW + 3 * MINUTE, runs: 1, status: "critical", open: true },
      { from: NOW, to: NOW + 2 * MINUTE, runs: 3, status: "ok", open: false },
    ]);
    const [opened] = await findingsTimeline(db, "mon_a1");
    const span = await env.DB.prepare(
      "SELECT id FROM state_span WHERE monitor_id = 'mon_a1' AND vantage_id = 'region:weur' AND first_run_at = ?",
    )
      .bind(NOW + 3 * MINUTE)
      .first<{ id: number }>();
    expect(opened).toMatchObject({ openedAt: NOW + 3 * MINUTE, openedSpanId: span?.id, resolvedAt: null });
  });

  it("recording a run at or before the pair's last run is a no-op (redelivery, replayed tick)", async () => {
    const before = await spansInRange(db, "mon_a1", NOW, NOW + 4 * MINUTE);
    await record(db, [
      { startedAt: NOW + 3 * MINUTE, summary: summary(40), opened: [finding] },
      { startedAt: NOW + MINUTE, summary: summary(40) },
    ]);
    expect(await spansInRange(db, "mon_a1", NOW, NOW + 4 * MINUTE)).toEqual(before);
    expect((await openFindings(db, ["mon_a1"])).get(pairKey("mon_a1", "region:weur"))).toHaveLength(1);
  });

  it("resolves a finding, last seen on the run before", async () => {
    await record(db, [{ startedAt: NOW + 4 * MINUTE, summary: summary(null), findings: [finding] }]);
    const [open] = (await openFindings(db, ["mon_a1"])).get(pairKey("mon_a1", "region:weur")) ?? [];
    if (!open) throw new Error("no open finding");
    await record(db, [{ startedAt: NOW + 5 * MINUTE, resolvedIds: [open.id] }]);
    expect((await openFindings(db, ["mon_a1"])).size).toBe(0);
    expect(await findingsTimeline(db, "mon_a1")).toMatchObject([
      { id: open.id, resolvedAt: NOW + 5 * MINUTE, lastSeenAt: NOW + 4 * MINUTE },
    ]);
  });

  it("knows an agent's report once its monitor x agent has a run at or after it, per monitor", async () => {
    await record(db, [{ startedAt: NOW + 3 * MINUTE, vantageId: "agt_a" }]);
    const stored = await storedReportIds(db, "agt_a", [
      { monitorId: "mon_a1", reportId: "rep_1", startedAt: NOW + 3 * MINUTE },
      { monitorId: "mon_a1", reportId: "rep_0", startedAt: NOW + 2 * MINUTE },
      { monitorId: "mon_b1", reportId: "rep_1", startedAt: NOW + 3 * MINUTE },
      { monitorId: "mon_a1", reportId: "rep_2", startedAt: NOW + 4 * MINUTE },
    ]);
    expect(stored).toEqual(new Set(["mon_a1/rep_1", "mon_a1/rep_0"]));
    expect(await storedReportIds(db, "agt_b", [{ monitorId: "mon_a1", reportId: "rep_1", startedAt: NOW }])).toEqual(
      new Set(),
    );
  });

  it("retention deletes spans that ended before the cutoff and keeps open ones", async () => {
    await record(db, [{ monitorId: "mon_b1", organisationId: "org-b", startedAt: NOW }]);
    // mon_a1's two closed spans of region:weur; every open one stays.
    expect(await deleteExpiredSpans(db, NOW + 10 * MINUTE)).toBe(2);
    const left = await spansInRange(db, "mon_a1", 0, NOW + 10 * MINUTE);
    expect(left.every((s) => s.open)).toBe(true);
    expect(left.map((s) => s.vantageId).sort()).toEqual(["agt_a", "region:enam", "region:weur"]);
    expect(await spansInRange(db, "mon_b1", 0, NOW + MINUTE)).toHaveLength(1);
  });

  it("the overview reads an organisation's state rows and open findings by organisation_id, nobody else's", async () => {
    await record(db, [
      { monitorId: "mon_b1", organisationId: "org-b", startedAt: NOW + 20 * MINUTE, opened: [finding] },
    ]);
    const [a, b] = await Promise.all([overviewOfOrganisation(db, "org-a"), overviewOfOrganisation(db, "org-b")]);
    expect(new Set(a.map((r) => r.monitorId))).toEqual(new Set(["mon_a1"]));
    expect(a.map((r) => r.vantageId)).toEqual(["agt_a", "region:enam", "region:weur"]);
    expect(b.map((r) => [r.monitorId, r.vantageId, r.startedAt])).toEqual([
      ["mon_b1", "region:weur", NOW + 20 * MINUTE],
    ]);
    expect(b[0]?.transports.tls?.ok).toBe(true);
    const openB = await openFindingsOfOrganisation(db, "org-b");
    expect(openB.map((f) => [f.monitorId, f.findingId])).toEqual([["mon_b1", finding.id]]);
    expect((await openFindingsOfOrganisation(db, "org-a")).every((f) => f.monitorId === "mon_a1")).toBe(true);
    // A later unchanged run keeps the organisation it was inserted with (the column is never updated).
    await record(db, [{ monitorId: "mon_b1", organisationId: "ignored", startedAt: NOW + 21 * MINUTE }]);
    expect(await overviewOfOrganisation(db, "ignored")).toEqual([]);
    expect((await overviewOfOrganisation(db, "org-b"))[0]?.startedAt).toBe(NOW + 21 * MINUTE);
  });

  it("overviewOfOrganisation returns an organisation larger than one JSON chunk whole and in order", async () => {
    // 401 monitors x 3 vantages: three chunks of slim rows (D1 caps one string at 2 MB).
    const monitorIds = Array.from({ length: 401 }, (_, i) => `mon_big${String(i).padStart(3, "0")}`);
    const vantages = ["region:apac", "region:enam", "region:weur"];
    const slim = { status: "ok", transports: { tls: { ok: true, ms: 12 } }, certDaysLeft: 40, findings: [] };
    const rows = monitorIds.flatMap((monitorId, i) =>
      vantages.map((vantageId) => ({
        monitorId,
        vantageId,
        organisationId: "org-big",
        outcome: "x",
        spanId: 1,
        spanStartedAt: NOW,
        spanRuns: 1,
        lastRunAt: NOW + i,
        durationMs: 5,
        summary: slim as unknown as RunSummary,
        hourStart: NOW,
        dayStart: NOW,
      })),
    );
    // In reverse, so the order comes from the read; 7 rows a statement (D1 binds at most 100 values).
    const inserts = [];
    for (let at = rows.length; at > 0; at -= 7) {
      inserts.push(db.insert(vantageStates).values(rows.slice(Math.max(0, at - 7), at).reverse()));
    }
    await db.batch(inserts as [(typeof inserts)[number], ...(typeof inserts)[number][]]);
    const overview = await overviewOfOrganisation(db, "org-big");
    expect(overview).toHaveLength(1_203);
    expect(overview.map((r) => `${r.monitorId} ${r.vantageId}`)).toEqual(
      monitorIds.flatMap((m) => vantages.map((v) => `${m} ${v}`)),
    );
    expect(overview[400 * 3]).toMatchObject({ monitorId: "mon_big400", startedAt: NOW + 400, certDaysLeft: 40 });
  });

  it("purgeHistoryStep empties every history table of a queued monitor only", async () => {
    expect(HISTORY_TABLES.map((t) => t.name).sort()).toEqual([
      "dns_snapshot",
      "finding",
      "rollup",
      "state_span",
      "vantage_state",
    ]);
    await db.insert(historyPurges).values({ monitorId: "mon_a1", shard: "DB", requestedAt: NOW });
    await purgeHistoryStep(db, db, "DB");
    expect(await pendingPurges(db, "DB")).toBe(0);
    for (const { name } of HISTORY_TABLES) expect(await rowCount(name, "mon_a1")).toBe(0);
    expect(await rowCount("vantage_state", "mon_b1")).toBe(1);
  });
});
