import { env } from "cloudflare:workers";
import type { RunSummary } from "@sipwatch/core";
import { findMonitor } from "@sipwatch/db";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverDueAlerts } from "../../src/notify/deliver-outbox";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import { regionRound } from "../alerts/audits";
import { received, receiverPath } from "../alerts/receiver";
import { api, signedUpWithToken } from "../api/accounts";
import { labServices } from "../pipeline/seed";
import { asAgent, createAgent, createMonitor, historyDbOfMonitor, okSummary, report } from "./agent-fixtures";

const MINUTE = 60_000;
const services = labServices();

const udpSilent = {
  id: "transport.udp.no-response",
  severity: "critical" as const,
  title: "SIP over UDP to sip.example.com:5060 gets no answer",
  detail: "OPTIONS over UDP timed out",
  fix: "Open UDP 5060 on the office firewall",
  subject: "sip.example.com:5060",
  evidence: {
    transport: "udp",
    host: "sip.example.com",
    port: 5060,
    silent: [{ address: "10.0.0.5", outcome: "timeout" }],
    probedAddresses: ["10.0.0.5"],
  },
};

/** The office agent's report at `startedAt`: UDP silent when failing, everything answering otherwise. */
async function officeReport(monitorId: string, failing: boolean, startedAt: number, reportId?: string) {
  const base = await report(monitorId, "10.0.0.5", reportId);
  const summary: RunSummary = failing
    ? {
        ...okSummary(),
        status: "critical",
        transports: { udp: { ok: false, ms: null }, tls: { ok: true, ms: 30 } },
        findings: { critical: 1, warning: 0, info: 0 },
      }
    : okSummary();
  return { ...base, startedAt, summary, findings: failing ? [udpSilent] : [] };
}

/** A new account's API credentials, with a Slack channel on the loopback receiver. */
async function withSlackChannel() {
  const user = await signedUpWithToken();
  const as = { token: user.token };
  await api("/channels", {
    method: "POST",
    as,
    body: { name: "ops", config: { type: "slack", webhookUrl: receiverPath("slack").url } },
  });
  return as;
}

const outboxKinds = async (monitorId: string) =>
  (
    await env.DB.prepare(
      "SELECT json_extract(action, '$.kind') AS kind FROM alert_outbox WHERE monitor_id = ? ORDER BY id",
    )
      .bind(monitorId)
      .all<{ kind: string }>()
  ).results.map((r) => r.kind);

describe("alerts from agent reports", () => {
  it("the office agent failing while the regions pass opens exactly one alert, then one recovery", async () => {
    const user = await signedUpWithToken();
    const as = { token: user.token };
    const organisation = (await (await api("/organisations/current", { as })).json()) as { id: string };
    const hook = receiverPath("slack");
    const channel = await api("/channels", {
      method: "POST",
      as,
      body: { name: "ops", config: { type: "slack", webhookUrl: hook.url } },
    });
    expect(channel.status).toBe(201);
    const monitorId = await createMonitor(as);
    const agent = await createAgent(as);
    const monitor = await findMonitor(services.db, organisation.id, monitorId);
    if (!monitor) throw new Error("no monitor");

    // Reports from the last 20 minutes, one a minute, as an agent posts them; between two, the
    // regions audit the monitor and pass: reachable from the edge, failing from the office.
    const start = Math.floor(Date.now() / MINUTE) * MINUTE - 20 * MINUTE;
    const verdicts = ["P", "F", "F", "F", "F", "P", "F", "F", "P", "P", "P"];
    const posted: Array<{ reportId: string; startedAt: number }> = [];
    for (const [i, verdict] of verdicts.entries()) {
      const at = start + i * MINUTE;
      const sent = await officeReport(monitorId, verdict === "F", at);
      posted.push(sent);
      const response = await asAgent(agent.token, "/agent/reports", { reports: [sent] });
      expect(((await response.json()) as { results: Array<{ status: string }> }).results).toEqual([
        expect.objectContaining({ status: "stored" }),
      ]);
      await enqueueAlerts(services.db, [monitor], regionRound(monitorId, "PP", at + 30_000), at + 30_000);
    }
    // Opened at the second failing report; the single passing report at 5 is below
    // successesToResolve (2), so the incident stays open until 9.
    expect(await outboxKinds(monitorId)).toEqual(["opened", "resolved"]);

    // A retried batch (a duplicate) and reports older than the last one counted change nothing:
    // history grows only forward (spans), so an older report is acknowledged as already covered.
    const late = await asAgent(agent.token, "/agent/reports", {
      reports: [
        await officeReport(monitorId, true, posted[1]?.startedAt ?? 0, posted[1]?.reportId),
        await officeReport(monitorId, true, start - MINUTE),
        await officeReport(monitorId, true, start - 2 * MINUTE),
      ],
    });
    expect(late.status).toBe(200);
    expect(((await late.json()) as { results: Array<{ status: string }> }).results.map((r) => r.status)).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    expect(await outboxKinds(monitorId)).toEqual(["opened", "resolved"]);

    expect(await deliverDueAlerts(services, Date.now() + 1000)).toMatchObject({ delivered: 2, failed: 0 });
    const messages = (await received(hook.name)).map((r) => JSON.parse(r.body) as { text: string; blocks: unknown });
    expect(messages.map((m) => m.text)).toEqual(["example.com is failing", "example.com has recovered"]);
    const opened = JSON.stringify(messages[0]?.blocks);
    // Where it fails (the agent, by its id; not the regions, which pass) and what to do.
    expect(opened).toContain(
      `Failing from ${agent.id} since ${new Date(start + 2 * MINUTE).toISOString().replace(".000Z", "Z")}`,
    );
    expect(opened).toContain("SIP over UDP to sip.example.com:5060 gets no answer");
    expect(opened).toContain("Fix: Open UDP 5060 on the office firewall");

    // The regions' own sequence never opened anything.
    const regionState = await env.DB.prepare(
      "SELECT json_extract(state, '$.open') AS open FROM alert_state WHERE monitor_id = ?",
    )
      .bind(monitorId)
      .first<{ open: number }>();
    expect(regionState?.open ?? 0).toBe(0);
  });

  it("two agents are two sequences: one failing office alerts even when the other passes every round", async () => {
    const as = await withSlackChannel();
    const monitorId = await createMonitor(as);
    const office = await createAgent(as, "office");
    const branch = await createAgent(as, "branch");
    const start = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    for (let i = 0; i < 3; i++) {
      const at = start + i * MINUTE;
      await asAgent(office.token, "/agent/reports", { reports: [await officeReport(monitorId, true, at)] });
      await asAgent(branch.token, "/agent/reports", { reports: [await officeReport(monitorId, false, at + 1000)] });
    }
    expect(await outboxKinds(monitorId)).toEqual(["opened"]);
  });

  it("an offline queue flushed as one batch is stored in order and alerts once, then recovers", async () => {
    const as = await withSlackChannel();
    const monitorId = await createMonitor(as);
    const agent = await createAgent(as);
    const start = Math.floor(Date.now() / MINUTE) * MINUTE - 30 * MINUTE;
    // Sent newest first on purpose: the server orders them by startedAt.
    const queue = await Promise.all(
      ["F", "F", "F", "P", "P"].map((v, i) => officeReport(monitorId, v === "F", start + i * MINUTE)),
    );
    const response = await asAgent(agent.token, "/agent/reports", { reports: queue.reverse() });
    expect(response.status).toBe(200);
    const results = ((await response.json()) as { results: Array<{ status: string }> }).results;
    expect(results.map((r) => r.status)).toEqual(["stored", "stored", "stored", "stored", "stored"]);
    expect(await outboxKinds(monitorId)).toEqual(["opened", "resolved"]);
    // The finding opened once and resolved once, as the history shows it.
    const findings = await (await historyDbOfMonitor(monitorId)).all<{ finding_id: string; resolved: number }>(
      sql`SELECT finding_id, resolved_at IS NOT NULL AS resolved FROM finding WHERE monitor_id = ${monitorId} AND vantage_id = ${agent.id}`,
    );
    expect(findings).toEqual([{ finding_id: "transport.udp.no-response", resolved: 1 }]);
  });

  it("a muted finding from the office agent alerts no one, even in reports older than the mute", async () => {
    const as = await withSlackChannel();
    const monitorId = await createMonitor(as);
    const agent = await createAgent(as);
    const muted = await api(`/monitors/${monitorId}/mutes`, {
      method: "POST",
      as,
      body: { findingId: udpSilent.id, reason: "Office firewall change booked for Monday" },
    });
    expect(muted.status).toBe(201);
    // An offline queue of failing reports from before the mute, flushed now: judged now, quiet.
    const start = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    const queue = await Promise.all([0, 1, 2].map((i) => officeReport(monitorId, true, start + i * MINUTE)));
    expect((await asAgent(agent.token, "/agent/reports", { reports: queue })).status).toBe(200);
    expect(await outboxKinds(monitorId)).toEqual([]);
    // Ended: the next failing reports count again, and two of them open the incident.
    const { id } = (await muted.json()) as { id: string };
    expect((await api(`/monitors/${monitorId}/mutes/${id}/end`, { method: "POST", as })).status).toBe(200);
    const later = await Promise.all([3, 4].map((i) => officeReport(monitorId, true, start + i * MINUTE)));
    await asAgent(agent.token, "/agent/reports", { reports: later });
    expect(await outboxKinds(monitorId)).toEqual(["opened"]);
  });
});
