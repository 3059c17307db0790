import { findingMutes, findingsTimeline, monitors, organisations } from "@sipwatch/db";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { loadPublicStatus } from "../../src/http/public-status";
import { muteRoutes } from "../../src/http/routes/mutes";
import { overviewRoutes } from "../../src/http/routes/overview";
import { runTick } from "../../src/scheduled/run-scheduled";
import { loadStatusPage, resolveStatusPage } from "../../src/status-pages/load-status-page";
import { insertChannel, received, receiverPath } from "../alerts/receiver";
import { insertMonitor, insertOrganisation, labServices, testApp } from "./seed";

// 08:30 UTC: not a rollup minute; other files' ticks use other days.
const T0 = Date.UTC(2026, 10, 25, 8, 30);
const MINUTE = 60_000;

interface ReportFinding {
  findingId: string;
  subject: string;
  severity: string;
  title: string;
  mute: { id: string; reason: string } | null;
}
interface Report {
  vantages: Array<{ vantageId: string; status: string; run: { status: string }; findings: ReportFinding[] }>;
  crossVantage: ReportFinding[];
}
interface OverviewMonitor {
  id: string;
  health: string;
  worstFinding: { severity: string } | null;
  openFindings: number;
  mutedFindings: number;
}

/**
 * The lab's expired certificate, muted: stored history keeps every finding, while the report,
 * overview, public status and alert rounds stop counting it until the mute ends.
 */
describe("muted findings against the lab", () => {
  const services = labServices();
  let org: string;
  let monitorId: string;
  let hook: { url: string; name: string };
  let critical: ReportFinding[] = [];
  const app = () => testApp(services, { organisationId: org }, muteRoutes);
  const report = async () =>
    (await (
      await testApp(services, { organisationId: org }).request(`/api/v1/monitors/${monitorId}/report`)
    ).json()) as Report;
  const overview = async () => {
    const res = await testApp(services, { organisationId: org }, overviewRoutes).request("/api/v1/overview");
    return ((await res.json()) as { monitors: OverviewMonitor[] }).monitors.find((m) => m.id === monitorId);
  };

  const statusPage = async () => {
    const [organisation] = await services.db.select().from(organisations).where(eq(organisations.id, org));
    const address = { kind: "organisation", slug: organisation?.slug ?? "" } as const;
    return loadStatusPage(services, await resolveStatusPage(services, address), Date.now());
  };

  beforeAll(async () => {
    org = await insertOrganisation(services);
    hook = receiverPath("slack");
    await insertChannel(services, org, { type: "slack", webhookUrl: hook.url });
    monitorId = await insertMonitor(services, org, { target: "expired.sipwatch.test", regions: ["weur"] });
    const slug = `muted-${crypto.randomUUID().slice(0, 8)}`;
    await services.db.update(monitors).set({ isPublic: true, slug }).where(eq(monitors.id, monitorId));
    await runTick(services, T0);
    critical = (await report()).vantages.flatMap((v) => v.findings).filter((f) => f.severity === "critical");
  });

  it("before any mute, the expired certificate is critical everywhere", async () => {
    expect(critical.map((f) => f.findingId)).toContain("tls.cert.expired");
    expect((await report()).vantages[0]).toMatchObject({ status: "critical", run: { status: "critical" } });
    expect((await overview())?.worstFinding?.severity).toBe("critical");
    expect((await statusPage()).monitors[0]?.state).toBe("down");
  });

  it("muting the critical findings: report marks them, status and overview stop counting them", async () => {
    // The certificate for its one subject, any other critical id for every subject.
    for (const f of critical) {
      const body =
        f.findingId === "tls.cert.expired"
          ? { findingId: f.findingId, subject: f.subject, reason: "New certificate ships Friday" }
          : { findingId: f.findingId, reason: "Known, follows from the certificate" };
      const res = await app().request(`/api/v1/monitors/${monitorId}/mutes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status === 409) continue; // the same id on another subject, already muted for every subject
      expect(res.status).toBe(201);
    }
    const after = await report();
    const vantage = after.vantages[0];
    expect(vantage?.run.status).toBe("critical");
    expect(vantage?.status).not.toBe("critical");
    const cert = vantage?.findings.find((f) => f.findingId === "tls.cert.expired");
    expect(cert?.mute?.reason).toBe("New certificate ships Friday");
    expect(vantage?.findings.filter((f) => f.severity === "critical").every((f) => f.mute !== null)).toBe(true);
    const view = await overview();
    expect(view?.worstFinding?.severity).not.toBe("critical");
    expect(view?.mutedFindings).toBeGreaterThanOrEqual(critical.length);
  });

  it("the public status neither goes down nor lists the muted findings", async () => {
    const [row] = await services.db.select().from(monitors).where(eq(monitors.id, monitorId));
    const { status } = await loadPublicStatus(services, row?.slug ?? "", Date.now());
    expect(status.state).not.toBe("down");
    const titles = status.findings.map((f) => f.title);
    for (const f of critical) expect(titles).not.toContain(f.title);
    // The organisation's status page reads the same mutes (and its cached copy is keyed on them).
    expect((await statusPage()).monitors[0]?.state).not.toBe("down");
  });

  it("alert rounds stay quiet while muted, and the history still records the finding as seen", async () => {
    for (const minute of [1, 2, 3]) await runTick(services, T0 + minute * MINUTE);
    expect(await received(hook.name)).toEqual([]);
    const timeline = await findingsTimeline(await services.historyDbOf(org), monitorId);
    const cert = timeline.find((f) => f.findingId === "tls.cert.expired");
    expect(cert?.resolvedAt).toBeNull();
  });

  it("once the mutes end, the next two failing rounds open the incident", async () => {
    const list = (await (await app().request(`/api/v1/monitors/${monitorId}/mutes`)).json()) as {
      mutes: Array<{ id: string }>;
    };
    for (const m of list.mutes) {
      const res = await app().request(`/api/v1/monitors/${monitorId}/mutes/${m.id}/end`, { method: "POST" });
      expect(res.status).toBe(200);
    }
    await runTick(services, T0 + 4 * MINUTE);
    expect(await received(hook.name)).toEqual([]);
    await runTick(services, T0 + 5 * MINUTE);
    const messages = (await received(hook.name)).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(messages).toEqual(["expired.sipwatch.test is failing"]);
    expect((await report()).vantages[0]?.status).toBe("critical");
    const rows = await services.db.select().from(findingMutes).where(eq(findingMutes.monitorId, monitorId));
    expect(rows.every((m) => m.endedAt !== null && m.endedBy === "token")).toBe(true);
  });
});
