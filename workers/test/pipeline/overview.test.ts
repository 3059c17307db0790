import { env } from "cloudflare:workers";
import { flushStaleAccumulators, monitors } from "@sipwatch/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { overviewRoutes } from "../../src/http/routes/overview";
import { runTick } from "../../src/scheduled/run-scheduled";
import { insertMonitor, insertOrganisation, labServices, testApp } from "./seed";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Half past an hour, five hours ago: inside the sparkline's 24 hours, and not a rollup minute.
const T0 = Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR + 30 * MINUTE;

interface OverviewMonitor {
  id: string;
  health: string;
  worstFinding: { findingId: string; severity: string; title: string } | null;
  openFindings: number;
  certDaysLeft: number | null;
  lastCheckedAt: number | null;
  vantages: Array<{ vantageId: string; label: string; transports: Record<string, { ok: boolean }> }>;
}

describe("the overview against the lab", () => {
  const services = labServices();
  let org: string;
  let live: string;
  let expired: string;
  let nowhere: string;
  let paused: string;
  let pending: string;
  const app = () => testApp(services, { organisationId: org }, overviewRoutes);

  beforeAll(async () => {
    org = await insertOrganisation(services);
    live = await insertMonitor(services, org, { target: "live.sipwatch.test", regions: ["weur", "enam"] });
    expired = await insertMonitor(services, org, { target: "expired.sipwatch.test" });
    // No such name in the lab: nothing to reach from anywhere.
    nowhere = await insertMonitor(services, org, { target: "nowhere.sipwatch.test" });
    paused = await insertMonitor(services, org, { target: "live.sipwatch.test" });
    // Every 60 minutes, due at minute 0 only: never audited by the tick at minute 30.
    pending = await insertMonitor(services, org, { target: "live.sipwatch.test", intervalMinutes: 60, phaseMinute: 0 });
    await runTick(services, T0);
    await services.db.update(monitors).set({ enabled: false }).where(eq(monitors.id, paused));
  });

  it("gives each monitor its health, worst finding, transports per vantage and certificate days", async () => {
    const res = await app().request("/api/v1/overview");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { monitors: OverviewMonitor[] };
    const byId = new Map(body.monitors.map((m) => [m.id, m]));
    expect(body.monitors).toHaveLength(5);

    // The lab's live zone has warnings (one target per SRV), so it is degraded, not healthy.
    const liveView = byId.get(live);
    expect(liveView?.vantages.map((v) => v.label)).toEqual(["enam", "weur"]);
    expect(liveView?.vantages.every((v) => v.transports.tls?.ok)).toBe(true);
    expect(liveView?.certDaysLeft).toBeGreaterThan(30);
    expect(liveView?.lastCheckedAt).toBeGreaterThanOrEqual(T0);

    const expiredView = byId.get(expired);
    expect(expiredView?.health).toBe("degraded");
    expect(expiredView?.worstFinding?.severity).toBe("critical");
    expect(expiredView?.certDaysLeft).toBeLessThan(0);
    expect(expiredView?.openFindings).toBeGreaterThan(1);

    expect(byId.get(nowhere)?.health).toBe("down");
    expect(byId.get(nowhere)?.worstFinding?.severity).toBe("critical");
    expect(byId.get(paused)?.health).toBe("paused");
    expect(byId.get(pending)?.health).toBe("pending");
    expect(byId.get(pending)?.vantages).toEqual([]);
  });

  it("serves hourly availability sparklines from the rollups", async () => {
    // The hour being counted is the real one; move this organisation's to T0's hour, then let
    // maintenance write it out as it does for pairs that stopped running.
    await env.DB.prepare(
      "UPDATE vantage_state SET hour_start = ?, day_start = ? WHERE monitor_id IN (SELECT id FROM monitor WHERE organisation_id = ?)",
    )
      .bind(T0 - 30 * MINUTE, Math.floor(T0 / (24 * HOUR)) * 24 * HOUR, org)
      .run();
    expect(await flushStaleAccumulators(services.db, Date.now())).toBeGreaterThan(0);
    const res = await app().request("/api/v1/overview/availability");
    const body = (await res.json()) as { from: number; hours: number; monitors: Record<string, Array<number | null>> };
    expect(body.hours).toBe(24);
    const hour = (T0 - 30 * MINUTE - body.from) / HOUR;
    expect(Number.isInteger(hour)).toBe(true);
    expect(body.monitors[live]?.[hour]).toBe(1);
    expect(body.monitors[live]?.filter((v) => v !== null)).toHaveLength(1);
    expect(body.monitors[nowhere]?.[hour]).toBe(0);
    expect(body.monitors[pending]).toBeUndefined();
  });

  it("shows nothing of another organisation", async () => {
    const other = await insertOrganisation(services);
    const res = await testApp(services, { organisationId: other }, overviewRoutes).request("/api/v1/overview");
    expect(await res.json()).toEqual({ monitors: [] });
    const spark = await testApp(services, { organisationId: other }, overviewRoutes).request(
      "/api/v1/overview/availability",
    );
    expect(((await spark.json()) as { monitors: object }).monitors).toEqual({});
  });
});
