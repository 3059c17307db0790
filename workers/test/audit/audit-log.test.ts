import { findMonitor } from "@sipwatch/db";
import { beforeAll, describe, expect, it } from "vitest";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import { createAgent, createMonitor } from "../agent/agent-fixtures";
import { regionRound } from "../alerts/audits";
import { insertChannel, receiverPath } from "../alerts/receiver";
import { api, type Credentials, createToken, type SignedUp, signUp } from "../api/accounts";
import { labServices } from "../pipeline/seed";

interface Entry {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  objectType: string;
  objectId: string | null;
  summary: string;
}

const services = labServices();

async function entries(as: Credentials, query = ""): Promise<Entry[]> {
  const response = await api(`/audit${query}`, { as });
  expect(response.status).toBe(200);
  return ((await response.json()) as { entries: Entry[] }).entries;
}

/** Runs `write` and returns the entries it added to the log (newest first). */
async function logged(as: Credentials, write: () => Promise<Response>, expected = 200): Promise<Entry[]> {
  const before = new Set((await entries(as, "?limit=200")).map((e) => e.id));
  const response = await write();
  expect(response.status, await response.clone().text()).toBe(expected);
  return (await entries(as, "?limit=200")).filter((e) => !before.has(e.id));
}

let owner: SignedUp;
let session: Credentials;
let token: { id: string; token: string };
let asToken: Credentials;

beforeAll(async () => {
  owner = await signUp("Audrey Auditor");
  session = { cookie: owner.cookie };
  token = await createToken(session, "deploy bot");
  asToken = { token: token.token };
});

describe("the audit log records every write once, naming who made it", () => {
  it("monitor create, update and delete from the dashboard name the member by name and address", async () => {
    const [created, ...more] = await logged(
      session,
      () => api("/monitors", { method: "POST", as: session, body: { name: "PBX", target: "example.com" } }),
      201,
    );
    expect(more).toEqual([]);
    expect(created).toMatchObject({
      actor: { kind: "member", id: owner.userId, label: `Audrey Auditor <${owner.email}>` },
      action: "monitor.create",
      objectType: "monitor",
      summary: "fields: name, target",
    });
    const id = created?.objectId as string;
    expect(id).toMatch(/^mon_/);

    const updated = await logged(session, () =>
      api(`/monitors/${id}`, { method: "PATCH", as: session, body: { name: "PBX 2", enabled: false } }),
    );
    expect(updated).toEqual([
      expect.objectContaining({ action: "monitor.update", objectId: id, summary: "fields: enabled, name" }),
    ]);
    const deleted = await logged(session, () => api(`/monitors/${id}`, { method: "DELETE", as: session }), 204);
    expect(deleted).toEqual([
      expect.objectContaining({
        action: "monitor.delete",
        objectId: id,
        actor: expect.objectContaining({ kind: "member" }),
      }),
    ]);
  });

  it("a token's writes name the token; channel secrets never reach the log", async () => {
    const hook = receiverPath("webhook");
    const [created] = await logged(
      session,
      () =>
        api("/channels", {
          method: "POST",
          as: asToken,
          body: {
            name: "hook",
            config: { type: "webhook", url: hook.url, secret: "s3cret-value-123456-abcdefghijklmnop" },
          },
        }),
      201,
    );
    expect(created).toMatchObject({
      actor: { kind: "token", id: token.id, label: "deploy bot" },
      action: "channel.create",
      objectType: "channel",
      summary: "fields: config, name",
    });
    const channelId = created?.objectId as string;
    const updated = await logged(session, () =>
      api(`/channels/${channelId}`, { method: "PATCH", as: asToken, body: { enabled: false } }),
    );
    expect(updated.map((e) => [e.action, e.objectId, e.actor.kind])).toEqual([["channel.update", channelId, "token"]]);
    const deleted = await logged(session, () => api(`/channels/${channelId}`, { method: "DELETE", as: asToken }), 204);
    expect(deleted.map((e) => e.action)).toEqual(["channel.delete"]);
    const csv = await (await api("/audit/export", { as: session })).text();
    expect(csv).not.toContain("s3cret-value");
    expect(csv).not.toContain(hook.url);
  });

  it("mutes, maintenance windows and status pages each leave one entry tied to their object", async () => {
    const monitorId = await createMonitor(asToken, "mutes.example.com");
    const [muted] = await logged(
      session,
      () =>
        api(`/monitors/${monitorId}/mutes`, {
          method: "POST",
          as: session,
          body: { findingId: "tls.cert.expired", reason: "lab cert" },
        }),
      201,
    );
    expect(muted).toMatchObject({
      action: "mute.create",
      objectType: "mute",
      summary: `on monitor ${monitorId}; fields: findingId, reason`,
    });
    const ended = await logged(session, () =>
      api(`/monitors/${monitorId}/mutes/${muted?.objectId}/end`, { method: "POST", as: session }),
    );
    expect(ended.map((e) => [e.action, e.objectId])).toEqual([["mute.end", muted?.objectId]]);

    const startsAt = new Date(Date.now() + 86_400_000).toISOString();
    const endsAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const [window] = await logged(
      session,
      () =>
        api(`/monitors/${monitorId}/maintenance`, {
          method: "POST",
          as: asToken,
          body: { startsAt, endsAt, reason: "firmware" },
        }),
      201,
    );
    expect(window).toMatchObject({ action: "maintenance.create", objectType: "maintenance", actor: { kind: "token" } });
    const removed = await logged(
      session,
      () => api(`/monitors/${monitorId}/maintenance/${window?.objectId}`, { method: "DELETE", as: asToken }),
      204,
    );
    expect(removed.map((e) => [e.action, e.objectId])).toEqual([["maintenance.delete", window?.objectId]]);

    const [page] = await logged(
      session,
      () =>
        api("/status-pages", {
          method: "POST",
          as: session,
          body: { slug: `audit-${crypto.randomUUID().slice(0, 8)}`, title: "Status", monitorIds: [monitorId] },
        }),
      201,
    );
    expect(page).toMatchObject({ action: "status_page.create", objectType: "status_page" });
    const retitled = await logged(session, () =>
      api(`/status-pages/${page?.objectId}`, { method: "PATCH", as: session, body: { title: "Our status" } }),
    );
    expect(retitled.map((e) => [e.action, e.summary])).toEqual([["status_page.update", "fields: title"]]);
    const gone = await logged(
      session,
      () => api(`/status-pages/${page?.objectId}`, { method: "DELETE", as: session }),
      204,
    );
    expect(gone.map((e) => e.action)).toEqual(["status_page.delete"]);
  });

  it("incidents acknowledged and resolved by an operator, and tokens minted and revoked", async () => {
    const organisation = (await (await api("/organisations/current", { as: session })).json()) as { id: string };
    await insertChannel(services, organisation.id, { type: "slack", webhookUrl: "http://127.0.0.1:9/unused" });
    const monitorId = await createMonitor(session, "incident.example.com");
    const start = Date.now() - 10 * 60_000;
    for (const [i, verdicts] of ["FFF", "FFF", "FFF"].entries()) {
      const monitor = await findMonitor(services.db, organisation.id, monitorId);
      if (!monitor) throw new Error("monitor vanished");
      await enqueueAlerts(
        services.db,
        [monitor],
        regionRound(monitorId, verdicts, start + i * 60_000),
        start + i * 60_000,
      );
    }
    const list = (await (await api(`/incidents?monitor=${monitorId}`, { as: session })).json()) as {
      incidents: Array<{ id: string }>;
    };
    const incidentId = list.incidents[0]?.id as string;
    expect(incidentId).toBeTruthy();
    const acked = await logged(session, () =>
      api(`/incidents/${incidentId}/acknowledge`, { method: "POST", as: session }),
    );
    expect(acked.map((e) => [e.action, e.objectId, e.actor.kind])).toEqual([
      ["incident.acknowledge", incidentId, "member"],
    ]);
    const resolved = await logged(session, () =>
      api(`/incidents/${incidentId}/resolve`, { method: "POST", as: asToken }),
    );
    expect(resolved.map((e) => [e.action, e.actor.label])).toEqual([["incident.resolve", "deploy bot"]]);

    const [minted] = await logged(
      session,
      () => api("/tokens", { method: "POST", as: session, body: { name: "temp" } }),
      201,
    );
    expect(minted).toMatchObject({ action: "token.create", objectType: "token", summary: "fields: name" });
    const revoked = await logged(
      session,
      () => api(`/tokens/${minted?.objectId}`, { method: "DELETE", as: session }),
      204,
    );
    expect(revoked.map((e) => [e.action, e.objectId])).toEqual([["token.revoke", minted?.objectId]]);
  });

  it("a refused or failed write leaves no entry", async () => {
    const monitorId = await createMonitor(session, "refused.example.com");
    const before = (await entries(session, "?limit=200")).length;
    expect(
      (await api(`/monitors/${monitorId}`, { method: "PATCH", as: session, body: { intervalMinutes: -1 } })).status,
    ).toBe(400);
    expect((await api("/monitors/mon_nope", { method: "DELETE", as: session })).status).toBe(404);
    expect(
      (
        await api("/channels", {
          method: "POST",
          as: asToken,
          body: { name: "x", config: { type: "email", to: ["nope"] } },
        })
      ).status,
    ).toBe(400);
    expect((await api("/tokens", { method: "POST", as: asToken, body: { name: "by token" } })).status).toBe(403);
    expect((await entries(session, "?limit=200")).length).toBe(before);
  });
});

describe("agents in the audit log", () => {
  it("logs an agent's first connect and version changes, not every poll or report", async () => {
    const user = await signUp("Agent Keeper");
    const as = { cookie: user.cookie };
    const agent = await createAgent(as, "office agent");
    const poll = (version: string) =>
      api("/agent/jobs", { headers: { authorization: `Bearer ${agent.token}`, "x-sipwatch-agent-version": version } });
    const agentEntries = async () => entries(as, "?actorKind=agent");
    expect((await poll("1.0.0")).status).toBe(200);
    expect(await agentEntries()).toEqual([
      expect.objectContaining({
        actor: { kind: "agent", id: agent.id, label: "office agent" },
        action: "agent.connect",
        objectType: "agent",
        objectId: agent.id,
        summary: "first connect, version 1.0.0",
      }),
    ]);
    expect((await poll("1.0.0")).status).toBe(200);
    expect((await poll("1.0.0")).status).toBe(200);
    expect(await agentEntries()).toHaveLength(1);
    expect((await poll("1.1.0")).status).toBe(200);
    const [latest] = await agentEntries();
    expect(latest).toMatchObject({ action: "agent.version", summary: "version 1.0.0 -> 1.1.0" });
    expect(await agentEntries()).toHaveLength(2);
    // Creating the agent was the member's write.
    expect((await entries(as, "?action=agent.create"))[0]?.actor.kind).toBe("member");
  });
});
