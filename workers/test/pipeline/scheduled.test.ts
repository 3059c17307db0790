import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { monitors, overviewOfOrganisation } from "@sipwatch/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { runScheduled, runTick } from "../../src/scheduled/run-scheduled";
import { historyD1OfMonitor } from "../history-db";
import { countRows, insertMonitor, insertOrganisation, labEnv, labServices, testApp } from "./seed";

// 10:30 UTC: not a rollup minute. Minute numbers count from the epoch.
const T0 = Date.UTC(2026, 10, 22, 10, 30);
const MINUTE = 60_000;

interface FindingRow {
  finding_id: string;
  vantage_id: string;
  opened_at: number;
  last_seen_at: number | null;
  resolved_at: number | null;
}
const findingRows = async (monitorId: string) =>
  (
    await (
      await historyD1OfMonitor(monitorId)
    )
      .prepare(
        "SELECT finding_id, vantage_id, opened_at, last_seen_at, resolved_at FROM finding WHERE monitor_id = ? ORDER BY id",
      )
      .bind(monitorId)
      .all<FindingRow>()
  ).results;

describe("the scheduled pipeline against the lab", () => {
  const services = labServices();
  let org: string;
  let live: string;
  let expired: string;
  let notDue: string;

  beforeAll(async () => {
    org = await insertOrganisation(services);
    live = await insertMonitor(services, org, { target: "live.sipwatch.test", regions: ["weur", "enam"] });
    expired = await insertMonitor(services, org, { target: "expired.sipwatch.test", regions: ["weur"] });
    // Every 5 minutes with phase 1: due when minute % 5 == 4, and T0 is minute % 5 == 0.
    notDue = await insertMonitor(services, org, { target: "live.sipwatch.test", intervalMinutes: 5, phaseMinute: 1 });
    expect((T0 / MINUTE) % 5).toBe(0);
  });

  it("audits due monitors from each region and opens one span per monitor x vantage, snapshots and findings once", async () => {
    const ctx = createExecutionContext();
    // No queue: the cron handler runs the minute's messages itself (queue.test.ts covers the queue).
    await runScheduled({ ...labEnv(), AUDIT_QUEUE: undefined }, T0, ctx);
    await waitOnExecutionContext(ctx);
    expect(await countRows("vantage_state", live)).toBe(2);
    expect(await countRows("state_span", live)).toBe(2);
    expect(await countRows("state_span", expired)).toBe(1);
    expect(await countRows("vantage_state", notDue)).toBe(0);
    expect(await countRows("dns_snapshot", live)).toBe(2);
    expect(await countRows("dns_snapshot", expired)).toBe(1);
    const opened = await findingRows(expired);
    expect(opened.map((f) => f.finding_id)).toEqual(expect.arrayContaining(["tls.cert.expired", "fallback.none"]));
    expect(opened.every((f) => f.resolved_at === null)).toBe(true);
    // The lab zone has one target per SRV and no A on the domain (warnings), but TLS works from both regions.
    const liveRuns = await (await historyD1OfMonitor(live))
      .prepare("SELECT json_extract(summary, '$.status') AS status, summary FROM vantage_state WHERE monitor_id = ?")
      .bind(live)
      .all<{ status: string; summary: string }>();
    expect(liveRuns.results.map((r) => r.status)).toEqual(["warning", "warning"]);
    for (const run of liveRuns.results) expect(JSON.parse(run.summary).transports.tls.ok).toBe(true);
  });

  it("only extends the spans (state rows) when nothing changed on the next tick", async () => {
    const findingsBefore = await countRows("finding", expired);
    const outcome = await runTick(labServices(), T0 + MINUTE);
    expect(outcome.stored).toMatchObject({ runs: 3, snapshots: 0, opened: 0, resolved: 0 });
    expect(await countRows("state_span", live)).toBe(2);
    const counts = await (await historyD1OfMonitor(live))
      .prepare("SELECT span_runs AS n FROM vantage_state WHERE monitor_id = ?")
      .bind(live)
      .all<{ n: number }>();
    expect(counts.results.map((r) => r.n)).toEqual([2, 2]);
    expect(await countRows("dns_snapshot", live)).toBe(2);
    expect(await countRows("finding", expired)).toBe(findingsBefore);
    // Both regions agree: nothing for the cross-vantage pseudo-vantage.
    expect((await findingRows(live)).filter((f) => f.vantage_id === "cross")).toEqual([]);
  });

  it("resolves findings that are gone and snapshots the changed DNS", async () => {
    await services.db.update(monitors).set({ target: "live.sipwatch.test" }).where(eq(monitors.id, expired));
    const lastRun = await (await historyD1OfMonitor(expired))
      .prepare("SELECT max(last_run_at) AS t FROM vantage_state WHERE monitor_id = ?")
      .bind(expired)
      .first<{ t: number }>();
    const outcome = await runTick(labServices(), T0 + 2 * MINUTE);
    expect(outcome.stored?.snapshots).toBe(1);
    const rows = await findingRows(expired);
    const certExpired = rows.find((f) => f.finding_id === "tls.cert.expired");
    expect(certExpired?.resolved_at).toBeGreaterThan(0);
    expect(certExpired?.last_seen_at).toBe(lastRun?.t);
    expect(await countRows("dns_snapshot", expired)).toBe(2);
  });

  it("serves the latest report per vantage, the history, and 404 to another organisation", async () => {
    const app = testApp(services, { organisationId: org });
    const report = await app.request(`/api/v1/monitors/${live}/report`);
    expect(report.status).toBe(200);
    const body = (await report.json()) as {
      vantages: Array<{
        vantageId: string;
        run: { status: string };
        dns: { resolution: { target: { host: string } } } | null;
      }>;
    };
    expect(body.vantages.map((v) => v.vantageId)).toEqual(["region:enam", "region:weur"]);
    expect(body.vantages[0]?.dns?.resolution.target.host).toBe("live.sipwatch.test");

    const timeline = await app.request(`/api/v1/monitors/${expired}/history/findings`);
    const findings = ((await timeline.json()) as { findings: Array<{ findingId: string; resolvedAt: number | null }> })
      .findings;
    expect(findings.find((f) => f.findingId === "tls.cert.expired")?.resolvedAt).toBeGreaterThan(0);

    const dns = await app.request(`/api/v1/monitors/${expired}/history/dns`);
    const changes = (
      (await dns.json()) as { changes: Array<{ diff: { changed: unknown[]; added: unknown[] } | null }> }
    ).changes;
    expect(changes).toHaveLength(2);
    expect(changes[0]?.diff).not.toBeNull();
    expect(changes[1]?.diff).toBeNull();

    // Three ticks with the same outcome from each region: one span each, three runs in it.
    const history = await app.request(`/api/v1/monitors/${live}/history/spans?from=0&to=${Date.now() + MINUTE}`);
    const spans = ((await history.json()) as { spans: Array<{ vantageId: string; runs: number; open: boolean }> })
      .spans;
    expect(spans.map((s) => [s.vantageId, s.runs, s.open]).sort()).toEqual([
      ["region:enam", 3, true],
      ["region:weur", 3, true],
    ]);

    // The overview: the latest run of each monitor x vantage, from the state rows.
    const overview = await overviewOfOrganisation(await services.historyDbOf(org), org);
    expect(overview.map((r) => `${r.monitorId === live ? "live" : "expired"} ${r.vantageId}`).sort()).toEqual([
      "expired region:weur",
      "live region:enam",
      "live region:weur",
    ]);
    expect(Math.min(...overview.map((r) => r.startedAt))).toBeGreaterThan(0);

    const stranger = testApp(services, { organisationId: await insertOrganisation(services) });
    const hidden = await stranger.request(`/api/v1/monitors/${live}/report`);
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get("content-type")).toContain("application/problem+json");
    expect(await hidden.json()).toMatchObject({ status: 404, code: "not_found" });
  });
});
