import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { drizzle } from "drizzle-orm/d1";
import { beforeAll, describe, expect, it } from "vitest";
import {
  availabilitySince,
  type Db,
  findingsTimeline,
  latestRunsOfMonitor,
  openFindingsOfOrganisation,
  overviewOfOrganisation,
  rollupsInWindow,
  spansInRange,
} from "../src/index";
import * as schema from "../src/schema/index";
import { record, summary } from "./record";

/**
 * An operator upgrading: a database built by migrations 0000-0006 with runs, rollups, a finding
 * and a DNS snapshot, then migration 0007, then the new queries. Nothing the dashboard showed is lost.
 */
const MINUTE = 60_000;
const HOUR = 3_600_000;
const T = Date.UTC(2026, 10, 20, 10, 0, 0);
const db: Db = drizzle(env.LEGACY, { schema });
const run = (
  id: number,
  vantage: string,
  at: number,
  status: string,
  tlsMs: number | null,
  snapshot: number | null,
) => {
  const s = {
    ...summary(tlsMs, status as "ok"),
    findings: { critical: status === "critical" ? 1 : 0, warning: 0, info: 0 },
  };
  return env.LEGACY.prepare(
    "INSERT INTO run (id, monitor_id, vantage_id, started_at, duration_ms, status, snapshot_id, summary) VALUES (?, 'mon_1', ?, ?, 800, ?, ?, ?)",
  ).bind(id, vantage, at, status, snapshot, JSON.stringify(s));
};

beforeAll(async () => {
  await applyD1Migrations(
    env.LEGACY,
    env.TEST_MIGRATIONS.filter((m) => m.name < "0007"),
  );
  const rollup = (transport: string, granularity: string, bucket: number, runs: number, ok: number, p50: number) =>
    env.LEGACY.prepare(
      "INSERT INTO rollup (monitor_id, vantage_id, transport, granularity, bucket_start, runs, successes, p50_ms, p95_ms) VALUES ('mon_1', 'region:weur', ?, ?, ?, ?, ?, ?, ?)",
    ).bind(transport, granularity, bucket, runs, ok, p50, p50 * 2);
  await env.LEGACY.batch([
    env.LEGACY.prepare("INSERT INTO organisation (id, name, slug, created_at) VALUES ('org_1', 'Org', 'org', 0)"),
    env.LEGACY.prepare(
      `INSERT INTO monitor (id, organisation_id, name, target, expected_transports, regions, interval_minutes, phase_minute, thresholds, created_at, updated_at)
       VALUES ('mon_1', 'org_1', 'm', 'example.com', '["tls"]', '["weur","enam"]', 5, 0, '{}', 0, 0)`,
    ),
    env.LEGACY.prepare(
      "INSERT INTO dns_snapshot (id, monitor_id, vantage_id, taken_at, hash, record_sets, resolution) VALUES (7, 'mon_1', 'region:weur', ?, 'h1', '[]', '{}')",
    ).bind(T),
    // weur: three healthy runs (round trips differ), then two failing ones; enam: one run.
    run(101, "region:weur", T, "ok", 40, 7),
    run(102, "region:weur", T + 5 * MINUTE, "ok", 90, 7),
    run(103, "region:weur", T + 10 * MINUTE, "ok", 41, 7),
    run(104, "region:weur", T + 15 * MINUTE, "critical", null, 7),
    run(105, "region:weur", T + 20 * MINUTE, "critical", null, 7),
    run(106, "region:enam", T + 20 * MINUTE, "ok", 60, null),
    env.LEGACY.prepare(
      `INSERT INTO finding (monitor_id, vantage_id, finding_id, subject, severity, title, detail, fix, evidence, opened_at, opened_run_id)
       VALUES ('mon_1', 'region:weur', 'tls.refused', 'sip1', 'critical', 't', 'd', 'f', '{}', ?, 104)`,
    ).bind(T + 15 * MINUTE),
    // Rolled up before the upgrade: the previous hour and day (the current hour is not yet).
    rollup("all", "hour", T - HOUR, 12, 11, 45),
    rollup("tls", "hour", T - HOUR, 12, 11, 45),
    rollup("all", "day", T - 24 * HOUR, 288, 280, 50),
  ]);
  await applyD1Migrations(env.LEGACY, env.TEST_MIGRATIONS);
});

describe("migration 0007 carries the history over", () => {
  it("turns runs into spans, merging consecutive equal outcomes, the latest one open", async () => {
    const spans = await spansInRange(db, "mon_1", 0, T + HOUR);
    expect(spans.map((s) => [s.vantageId, s.from, s.to, s.runs, s.status, s.open])).toEqual([
      ["region:enam", T + 20 * MINUTE, T + 20 * MINUTE, 1, "ok", true],
      ["region:weur", T + 15 * MINUTE, T + 20 * MINUTE, 2, "critical", true],
      ["region:weur", T, T + 10 * MINUTE, 3, "ok", false],
    ]);
  });

  it("seeds each pair's state from its latest run, with the snapshot in force", async () => {
    const latest = await latestRunsOfMonitor(db, "mon_1");
    expect(latest.map((r) => [r.vantageId, r.startedAt, r.status, r.snapshotId, r.spanStartedAt, r.spanRuns])).toEqual([
      ["region:enam", T + 20 * MINUTE, "ok", null, T + 20 * MINUTE, 1],
      ["region:weur", T + 20 * MINUTE, "critical", 7, T + 15 * MINUTE, 2],
    ]);
    // organisation_id comes from the monitor, so the overview finds the carried-over rows.
    const overview = await overviewOfOrganisation(db, "org_1");
    expect(overview.map((r) => [r.monitorId, r.vantageId, r.status])).toEqual([
      ["mon_1", "region:enam", "ok"],
      ["mon_1", "region:weur", "critical"],
    ]);
    expect((await openFindingsOfOrganisation(db, "org_1")).map((f) => f.findingId)).toEqual(["tls.refused"]);
  });

  it("points findings at the span their opening run belongs to", async () => {
    const spans = await env.LEGACY.prepare("SELECT id FROM state_span WHERE first_run_at = ?")
      .bind(T + 15 * MINUTE)
      .first<{ id: number }>();
    expect(await findingsTimeline(db, "mon_1")).toMatchObject([
      { findingId: "tls.refused", openedSpanId: spans?.id, resolvedAt: null },
    ]);
  });

  it("keeps the old rollups (their p50/p95) and counts the hour not yet rolled up", async () => {
    const hours = await rollupsInWindow(db, "mon_1", "24h", T + HOUR);
    const weurAll = hours.buckets.filter((b) => b.vantageId === "region:weur" && b.transport === "all");
    expect(weurAll).toMatchObject([
      { bucketStart: T - HOUR, runs: 12, successes: 11, p50Ms: 45, p95Ms: 90 },
      { bucketStart: T, runs: 5, successes: 3 },
    ]);
    expect(hours.buckets.find((b) => b.transport === "tls")).toMatchObject({ bucketStart: T - HOUR, p50Ms: 45 });
    const days = await rollupsInWindow(db, "mon_1", "90d", T + HOUR);
    expect(days.buckets.filter((b) => b.transport === "all" && b.vantageId === "region:weur")[0]).toMatchObject({
      bucketStart: T - 24 * HOUR,
      runs: 288,
      p50Ms: 50,
    });
    expect(await availabilitySince(db, "mon_1", T - 2 * HOUR)).toEqual({ runs: 12 + 5 + 1, successes: 11 + 3 + 1 });
  });

  it("drops the run table, and the next run continues the history", async () => {
    expect(await env.LEGACY.prepare("SELECT name FROM sqlite_master WHERE name = 'run'").first()).toBeNull();
    await record(db, [{ monitorId: "mon_1", startedAt: T + 25 * MINUTE, summary: summary(null) }]);
    const spans = (await spansInRange(db, "mon_1", 0, T + HOUR)).filter((s) => s.vantageId === "region:weur");
    // Old rows have no outcome hash: the first new run opens a span, closing the carried-over one intact.
    expect(spans.map((s) => [s.from, s.to, s.runs, s.open])).toEqual([
      [T + 25 * MINUTE, T + 25 * MINUTE, 1, true],
      [T + 15 * MINUTE, T + 20 * MINUTE, 2, false],
      [T, T + 10 * MINUTE, 3, false],
    ]);
  });
});
