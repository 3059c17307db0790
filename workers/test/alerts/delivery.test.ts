import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deliverDueAlerts } from "../../src/notify/deliver-outbox";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import type { Services } from "../../src/services";
import { lab } from "../fixtures";
import { insertMonitor, insertOrganisation, labServices } from "../pipeline/seed";
import { regionRound } from "./audits";
import { insertChannel, received, receiverPath } from "./receiver";

const T0 = Date.UTC(2026, 10, 22, 12, 0);
const MINUTE = 60_000;

/** A monitor failing from two regions for two rounds (its failuresToOpen), so one "opened" action is enqueued. */
async function openIncident(services: Services, channel: (org: string) => Promise<string>) {
  const org = await insertOrganisation(services);
  const monitorId = await insertMonitor(services, org, { target: "example.com", regions: ["weur", "enam"] });
  const channelId = await channel(org);
  const monitor = {
    id: monitorId,
    organisationId: org,
    thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
  };
  const round = regionRound(monitorId, "FF", T0);
  expect(await enqueueAlerts(services.db, [monitor], round, T0)).toEqual({ evaluated: 1, enqueued: 0 });
  const channels = await env.DB.prepare("SELECT count(*) AS n FROM alert_channel WHERE organisation_id = ?")
    .bind(org)
    .first<{ n: number }>();
  expect(await enqueueAlerts(services.db, [monitor], round, T0 + MINUTE)).toEqual({
    evaluated: 1,
    enqueued: channels?.n ?? 0,
  });
  return { org, monitorId, channelId, monitor, round };
}

const outboxRows = async (channelId: string) =>
  (
    await env.DB.prepare("SELECT status, attempts, last_error, idempotency_key FROM alert_outbox WHERE channel_id = ?")
      .bind(channelId)
      .all<{ status: string; attempts: number; last_error: string | null; idempotency_key: string }>()
  ).results;

describe("alert delivery through the outbox", () => {
  const services = labServices();

  it("posts one Block Kit message to a Slack incoming webhook, with the grouped finding and a link", async () => {
    const hook = receiverPath("slack");
    const { monitorId, channelId } = await openIncident(services, (org) =>
      insertChannel(services, org, { type: "slack", webhookUrl: hook.url }),
    );
    expect(await deliverDueAlerts(services, T0 + MINUTE)).toEqual({ delivered: 1, retrying: 0, failed: 0, skipped: 0 });
    const [message, ...more] = await received(hook.name);
    expect(more).toEqual([]);
    const body = JSON.parse(message?.body ?? "{}");
    expect(body.text).toBe("example.com is failing");
    const text = JSON.stringify(body.blocks);
    // Seen from two regions, listed once.
    expect(text.match(/has no address/g)).toHaveLength(1);
    expect(text).toContain("weur, enam");
    expect(text).toContain("Fix: Add an A record");
    expect(body.blocks.at(-1).elements[0].url).toBe(`http://sipwatch.test/monitors/${monitorId}`);
    expect(await outboxRows(channelId)).toMatchObject([{ status: "delivered", attempts: 1 }]);
    // Delivered rows are never sent again.
    expect(await deliverDueAlerts(services, T0 + 60 * MINUTE)).toEqual({
      delivered: 0,
      retrying: 0,
      failed: 0,
      skipped: 0,
    });
    expect(await received(hook.name)).toHaveLength(1);
  });

  it("sends the matching recovery message to Slack after two passing rounds", async () => {
    const hook = receiverPath("slack");
    const { monitor } = await openIncident(services, (org) =>
      insertChannel(services, org, { type: "slack", webhookUrl: hook.url }),
    );
    await deliverDueAlerts(services, T0 + MINUTE);
    const healthy = regionRound(monitor.id, "PP", T0);
    await enqueueAlerts(services.db, [monitor], healthy, T0 + 2 * MINUTE);
    expect(await enqueueAlerts(services.db, [monitor], healthy, T0 + 3 * MINUTE)).toMatchObject({ enqueued: 1 });
    await deliverDueAlerts(services, T0 + 3 * MINUTE);
    const messages = (await received(hook.name)).map((r) => JSON.parse(r.body));
    expect(messages.map((m) => m.text)).toEqual(["example.com is failing", "example.com has recovered"]);
    expect(JSON.stringify(messages[1].blocks)).toContain("Back to normal after 2 min");
    expect(messages[1].blocks[0].text.text).toContain(":large_green_circle:");
  });

  it("retries a receiver that fails twice with backoff, and it gets exactly one message, signed", async () => {
    const hook = receiverPath("webhook", 2);
    const { channelId } = await openIncident(services, (org) =>
      insertChannel(services, org, { type: "webhook", url: hook.url, secret: lab().webhookSecret }),
    );
    const at = T0 + MINUTE;
    expect(await deliverDueAlerts(services, at)).toMatchObject({ retrying: 1 });
    // Not due yet: the first retry waits 30 s.
    expect(await deliverDueAlerts(services, at + 10_000)).toMatchObject({ delivered: 0, retrying: 0 });
    expect(await deliverDueAlerts(services, at + 30_000)).toMatchObject({ retrying: 1 });
    expect(await deliverDueAlerts(services, at + 30_000 + 60_000)).toMatchObject({ delivered: 1 });
    expect(await deliverDueAlerts(services, at + 3_600_000)).toMatchObject({ delivered: 0 });

    const requests = await received(hook.name);
    expect(requests.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(requests.filter((r) => r.status === 200)).toHaveLength(1);
    expect(new Set(requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(requests.every((r) => r.signatureValid === true)).toBe(true);
    const body = JSON.parse(requests[2]?.body ?? "{}");
    expect(body).toMatchObject({ type: "opened", title: "example.com is failing", action: { kind: "opened" } });
    expect(await outboxRows(channelId)).toMatchObject([{ status: "delivered", attempts: 3 }]);
  });

  it("a signature made with another secret does not verify", async () => {
    const hook = receiverPath("webhook");
    await openIncident(services, (org) =>
      insertChannel(services, org, { type: "webhook", url: hook.url, secret: "wrong" }),
    );
    await deliverDueAlerts(services, T0 + MINUTE);
    expect((await received(hook.name)).map((r) => r.signatureValid)).toEqual([false]);
  });

  it("enqueueing the same round again stores nothing twice", async () => {
    const hook = receiverPath("slack");
    const { channelId, monitor, round } = await openIncident(services, (org) =>
      insertChannel(services, org, { type: "slack", webhookUrl: hook.url }),
    );
    // As if the tick crashed after its batch and ran again from the stored state.
    await env.DB.prepare(
      "UPDATE alert_state SET state = json_set(state, '$.notifiedOpen', json('false')) WHERE monitor_id = ?",
    )
      .bind(monitor.id)
      .run();
    await enqueueAlerts(services.db, [monitor], round, T0 + MINUTE);
    expect(await outboxRows(channelId)).toHaveLength(1);
  });

  it("enqueues one row per channel within D1's bound-parameter limit", async () => {
    const hook = receiverPath("slack");
    const { org } = await openIncident(services, async (organisation) => {
      const ids: string[] = [];
      for (let i = 0; i < 20; i++)
        ids.push(await insertChannel(services, organisation, { type: "slack", webhookUrl: hook.url }));
      return ids[0] ?? "";
    });
    const row = await env.DB.prepare("SELECT count(*) AS n FROM alert_outbox WHERE organisation_id = ?")
      .bind(org)
      .first<{ n: number }>();
    expect(row?.n).toBe(20);
  });

  it("gives up after the last attempt and shows the error", async () => {
    const hook = receiverPath("slack", 100);
    const { channelId } = await openIncident(services, (org) =>
      insertChannel(services, org, { type: "slack", webhookUrl: hook.url }),
    );
    let at = T0 + MINUTE;
    for (let attempt = 0; attempt < 8; attempt++) {
      await deliverDueAlerts(services, at);
      at += 3_600_000;
    }
    expect(await outboxRows(channelId)).toMatchObject([
      { status: "failed", attempts: 8, last_error: "The receiver answered HTTP 500" },
    ]);
  });

  it("sends email through an HTTP email API when one is configured, with HTML and text", async () => {
    const api = receiverPath("email-api");
    const withApi: Services = {
      ...services,
      config: { ...services.config, emailApi: { url: api.url, key: "re_test" } },
    };
    await openIncident(withApi, (org) => insertChannel(withApi, org, { type: "email", to: ["ops@example.test"] }));
    expect(await deliverDueAlerts(withApi, T0 + MINUTE)).toMatchObject({ delivered: 1 });
    const [request] = await received(api.name);
    expect(request?.authorization).toBe("Bearer re_test");
    expect(request?.idempotencyKey).toMatch(/\/opened:/);
    const email = JSON.parse(request?.body ?? "{}");
    expect(email).toMatchObject({
      from: "alerts@sipwatch.test",
      to: ["ops@example.test"],
      subject: "[sipwatch] example.com is failing",
    });
    expect(email.html).toContain("<li><strong>SRV target sip2.example.com has no address</strong>");
    expect(email.text).toContain("- SRV target sip2.example.com has no address (seen from weur, enam)");
  });
});
