import { env } from "cloudflare:workers";
import { findMonitor } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { deliverDueAlerts } from "../../src/notify/deliver-outbox";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import { api, type Credentials, signedUpWithToken } from "../api/accounts";
import type { ReceivedRequest } from "../lab-types";
import { labServices } from "../pipeline/seed";
import { regionRound } from "./audits";
import { received, receiverPath } from "./receiver";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 25, 8, 0);
const services = labServices();
// PagerDuty integration keys are 32 characters; the receiver's schema checks it.
const ROUTING_KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
const GENIE_KEY = "eb243592-faa2-4ba2-a551-1afdf565c889";

/** A receiver path named after the service (the receiver checks its schema), with a suffix path. */
function serviceHook(service: string, suffix = "", failFirst = 0) {
  const hook = receiverPath(service);
  const [base, query] = hook.url.split("?");
  return { name: hook.name, url: `${base}${suffix}${failFirst > 0 ? `?fail=${failFirst}` : query ? `?${query}` : ""}` };
}

async function account(): Promise<{ as: Credentials; organisationId: string; monitorId: string }> {
  const user = await signedUpWithToken();
  const as = { token: user.token };
  const organisation = (await (await api("/organisations/current", { as })).json()) as { id: string };
  const monitor = (await (
    await api("/monitors", { method: "POST", as, body: { name: "Office PBX", target: "example.com" } })
  ).json()) as { id: string };
  return { as, organisationId: organisation.id, monitorId: monitor.id };
}

async function createChannel(as: Credentials, config: Record<string, unknown>) {
  return api("/channels", { method: "POST", as, body: { name: `${config.type}`, config } });
}

async function rounds(organisationId: string, monitorId: string, verdicts: string[], start: number) {
  for (const [i, round] of verdicts.entries()) {
    const monitor = await findMonitor(services.db, organisationId, monitorId);
    if (!monitor) throw new Error("monitor vanished");
    await enqueueAlerts(services.db, [monitor], regionRound(monitorId, round, start + i * MINUTE), start + i * MINUTE);
  }
}

const bodies = (requests: ReceivedRequest[]) => requests.map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe("on-call channels", () => {
  it("PagerDuty gets trigger, acknowledge and resolve of one incident under one dedup key, valid per Events API v2", async () => {
    const { as, organisationId, monitorId } = await account();
    const hook = serviceHook("pagerduty", "/v2/enqueue");
    const created = await createChannel(as, { type: "pagerduty", routingKey: ROUTING_KEY, url: hook.url });
    expect(created.status).toBe(201);
    const channel = await created.text();
    expect(channel).not.toContain(ROUTING_KEY);

    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    await deliverDueAlerts(services, T0 + 2 * MINUTE);
    const list = (await (await api(`/incidents?monitor=${monitorId}`, { as })).json()) as {
      incidents: { id: string }[];
    };
    const incidentId = list.incidents[0]?.id;
    await api(`/incidents/${incidentId}/acknowledge`, { method: "POST", as });
    await deliverDueAlerts(services, Date.now());
    await rounds(organisationId, monitorId, ["PPP", "PPP"], T0 + 3 * MINUTE);
    await deliverDueAlerts(services, Date.now());

    const requests = await received(hook.name);
    expect(requests.map((r) => r.schemaErrors)).toEqual([[], [], []]);
    const events = bodies(requests);
    expect(events.map((e) => e.event_action)).toEqual(["trigger", "acknowledge", "resolve"]);
    expect(new Set(events.map((e) => e.dedup_key))).toEqual(new Set([`sipwatch-${incidentId}`]));
    expect(events[0]).toMatchObject({
      routing_key: ROUTING_KEY,
      payload: { severity: "critical", source: "example.com", component: "Office PBX" },
    });
  });

  it("Opsgenie creates with alias = incident id, then acknowledges and closes by alias, with GenieKey auth", async () => {
    const { as, organisationId, monitorId } = await account();
    const hook = serviceHook("opsgenie");
    expect((await createChannel(as, { type: "opsgenie", apiKey: GENIE_KEY, url: hook.url })).status).toBe(201);
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    const list = (await (await api(`/incidents?monitor=${monitorId}`, { as })).json()) as {
      incidents: { id: string }[];
    };
    const incidentId = list.incidents[0]?.id;
    await api(`/incidents/${incidentId}/acknowledge`, { method: "POST", as });
    await api(`/incidents/${incidentId}/resolve`, { method: "POST", as });
    await deliverDueAlerts(services, Date.now());

    const requests = await received(hook.name);
    expect(requests.map((r) => r.schemaErrors)).toEqual([[], [], []]);
    const alias = `sipwatch-${incidentId}`;
    expect(requests.map((r) => r.path)).toEqual([
      "/v2/alerts",
      `/v2/alerts/${alias}/acknowledge?identifierType=alias`,
      `/v2/alerts/${alias}/close?identifierType=alias`,
    ]);
    expect(requests.every((r) => r.authorization === `GenieKey ${GENIE_KEY}`)).toBe(true);
    expect(bodies(requests)[0]).toMatchObject({ alias, priority: "P1", entity: "example.com" });
  });

  it("Teams gets an Adaptive Card and Discord an embed, each valid per its documented schema", async () => {
    const { as, organisationId, monitorId } = await account();
    const teams = serviceHook("teams");
    const discord = serviceHook("discord");
    expect((await createChannel(as, { type: "teams", webhookUrl: teams.url })).status).toBe(201);
    expect((await createChannel(as, { type: "discord", webhookUrl: discord.url })).status).toBe(201);
    await rounds(organisationId, monitorId, ["FFF", "FFF", "PPP", "PPP"], T0);
    await deliverDueAlerts(services, T0 + 5 * MINUTE);

    const cards = await received(teams.name);
    expect(cards.map((r) => r.schemaErrors)).toEqual([[], []]);
    expect(JSON.stringify(bodies(cards)[0])).toContain("Office PBX is failing");
    const embeds = await received(discord.name);
    expect(embeds.map((r) => r.schemaErrors)).toEqual([[], []]);
    expect(bodies(embeds)[1]).toMatchObject({
      allowed_mentions: { parse: [] },
      embeds: [{ title: "Office PBX has recovered" }],
    });
  });

  it("retries a 5xx from PagerDuty and sends the event once it is accepted", async () => {
    const { as, organisationId, monitorId } = await account();
    const hook = serviceHook("pagerduty", "/v2/enqueue", 1);
    await createChannel(as, { type: "pagerduty", routingKey: ROUTING_KEY, url: hook.url });
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    expect(await deliverDueAlerts(services, T0 + 2 * MINUTE)).toMatchObject({ retrying: 1 });
    expect(await deliverDueAlerts(services, T0 + 3 * MINUTE)).toMatchObject({ delivered: 1 });
    expect(await deliverDueAlerts(services, T0 + 10 * MINUTE)).toMatchObject({ delivered: 0 });
    const requests = await received(hook.name);
    expect(requests.map((r) => r.status)).toEqual([500, 200]);
    const { results } = await env.DB.prepare("SELECT status FROM alert_outbox WHERE monitor_id = ?")
      .bind(monitorId)
      .all<{ status: string }>();
    expect(results).toEqual([{ status: "delivered" }]);
  });

  it("does not send a reminder enqueued before the incident was acknowledged", async () => {
    const { as, organisationId, monitorId } = await account();
    await api(`/monitors/${monitorId}`, { method: "PATCH", as, body: { alertPolicy: { reminderIntervalMinutes: 1 } } });
    const hook = receiverPath("webhook");
    await createChannel(as, { type: "webhook", url: hook.url });
    // Opens at minute 1 (delivered), reminds at minute 2 (enqueued, not delivered yet).
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    await deliverDueAlerts(services, T0 + 2 * MINUTE);
    await rounds(organisationId, monitorId, ["FFF"], T0 + 2 * MINUTE);
    const list = (await (await api(`/incidents?monitor=${monitorId}`, { as })).json()) as {
      incidents: { id: string }[];
    };
    await api(`/incidents/${list.incidents[0]?.id}/acknowledge`, { method: "POST", as });
    expect(await deliverDueAlerts(services, Date.now())).toMatchObject({ delivered: 1, skipped: 1 });
    const kinds = bodies(await received(hook.name)).map((b) => b.type);
    expect(kinds).toEqual(["opened", "acknowledged"]);
  });

  it("refuses each service's URL elsewhere than its own hosts, and a missing key", async () => {
    const { as } = await account();
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ type: "pagerduty", routingKey: ROUTING_KEY, url: "https://evil.example.com/v2/enqueue" }, "config.url"],
      [{ type: "pagerduty", url: "https://events.pagerduty.com/v2/enqueue" }, "config.routingKey"],
      [{ type: "opsgenie", apiKey: GENIE_KEY, url: "https://api.opsgenie.com.evil.example" }, "config.url"],
      [{ type: "opsgenie", region: "eu" }, "config.apiKey"],
      [{ type: "teams", webhookUrl: "https://hooks.slack.com/services/T/B/x" }, "config.webhookUrl"],
      [{ type: "discord", webhookUrl: "https://discord.com.evil.example/api/webhooks/1/x" }, "config.webhookUrl"],
      [{ type: "discord", webhookUrl: "https://discord.com/channels/1/2" }, "config.webhookUrl"],
      [{ type: "pagerduty", routingKey: "has spaces in it", region: "us" }, "config.routingKey"],
    ];
    for (const [config, field] of refusals) {
      const response = await createChannel(as, config);
      expect(response.status, JSON.stringify(config)).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field)).toContain(field);
    }
  });

  it("keeps the routing key out of every response and keeps it when an update leaves it out", async () => {
    const { as } = await account();
    const hook = serviceHook("pagerduty", "/v2/enqueue");
    const created = (await (
      await createChannel(as, { type: "pagerduty", routingKey: ROUTING_KEY, url: hook.url })
    ).json()) as { id: string; config: unknown };
    expect(created.config).toEqual({ type: "pagerduty", url: hook.url });
    const renamed = await api(`/channels/${created.id}`, {
      method: "PATCH",
      as,
      body: { config: { type: "pagerduty", url: hook.url } },
    });
    expect(renamed.status).toBe(200);
    expect(await renamed.text()).not.toContain(ROUTING_KEY);
    const test = (await (await api(`/channels/${created.id}/test`, { method: "POST", as })).json()) as {
      delivered: boolean;
    };
    expect(test.delivered).toBe(true);
    const [event] = bodies(await received(hook.name));
    expect(event).toMatchObject({ routing_key: ROUTING_KEY, event_action: "trigger", payload: { severity: "info" } });
  });
});
