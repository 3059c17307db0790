import { env } from "cloudflare:workers";
import { findMonitor } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import { api, type Credentials, signedUpWithToken } from "../api/accounts";
import { labServices } from "../pipeline/seed";
import { regionRound } from "./audits";
import { insertChannel } from "./receiver";

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 24, 9, 0);
const services = labServices();

interface Incident {
  id: string;
  monitorId: string;
  monitorName: string;
  status: string;
  title: string;
  findings: Array<{ id: string }>;
  vantageIds: string[];
  acknowledgedBy: string | null;
  events: Array<{ kind: string; author: string; authorName: string | null; body: string | null; public: boolean }>;
}

/** A signed-up user with a monitor (reminders every 5 minutes) and a Slack channel read back from the outbox. */
async function account(): Promise<{
  as: Credentials;
  session: Credentials;
  organisationId: string;
  monitorId: string;
  userId: string;
}> {
  const user = await signedUpWithToken();
  const as = { token: user.token };
  const organisation = (await (await api("/organisations/current", { as })).json()) as { id: string };
  await insertChannel(services, organisation.id, { type: "slack", webhookUrl: "http://127.0.0.1:9/unused" });
  const created = await api("/monitors", {
    method: "POST",
    as,
    body: { name: "pbx", target: "example.com", alertPolicy: { reminderIntervalMinutes: 5 } },
  });
  const monitor = (await created.json()) as { id: string };
  return {
    as,
    session: { cookie: user.cookie },
    organisationId: organisation.id,
    monitorId: monitor.id,
    userId: user.userId,
  };
}

/** One round per minute from `start`: "FFF" fails from three regions, "PPP" passes. */
async function rounds(organisationId: string, monitorId: string, verdicts: string[], start: number) {
  for (const [i, round] of verdicts.entries()) {
    const monitor = await findMonitor(services.db, organisationId, monitorId);
    if (!monitor) throw new Error("monitor vanished");
    await enqueueAlerts(services.db, [monitor], regionRound(monitorId, round, start + i * MINUTE), start + i * MINUTE);
  }
}

async function outboxKinds(monitorId: string): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT json_extract(action, '$.kind') AS kind FROM alert_outbox WHERE monitor_id = ? ORDER BY id",
  )
    .bind(monitorId)
    .all<{ kind: string }>();
  return results.map((r) => r.kind);
}

async function onlyIncident(as: Credentials, monitorId: string): Promise<Incident> {
  const list = (await (await api(`/incidents?monitor=${monitorId}`, { as })).json()) as { incidents: Incident[] };
  expect(list.incidents).toHaveLength(1);
  const [first] = list.incidents;
  if (!first) throw new Error("no incident");
  return (await (await api(`/incidents/${first.id}`, { as })).json()) as Incident;
}

describe("incidents", () => {
  it("opens one incident with the round's findings when the policy fires, even if the round is evaluated again", async () => {
    const { as, organisationId, monitorId } = await account();
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    // The same round delivered again by the queue: not counted, no second incident.
    await rounds(organisationId, monitorId, ["FFF"], T0 + MINUTE);
    const incident = await onlyIncident(as, monitorId);
    expect(incident).toMatchObject({
      monitorId,
      monitorName: "pbx",
      status: "open",
      title: "SRV target sip2.example.com has no address",
      vantageIds: ["region:weur", "region:enam", "region:apac"],
    });
    expect(incident.findings.map((f) => f.id)).toEqual(["dns.srv.target-unresolvable"]);
    expect(incident.events.map((e) => `${e.kind}:${e.author}`)).toEqual(["opened:system"]);
  });

  it("stops reminders once acknowledged, tells channels, and resolves when the monitor heals", async () => {
    const { as, session, organisationId, monitorId, userId } = await account();
    // Opens at minute 1; the 5-minute reminder goes out at minute 6.
    await rounds(organisationId, monitorId, ["FFF", "FFF", "FFF", "FFF", "FFF", "FFF", "FFF"], T0);
    expect(await outboxKinds(monitorId)).toEqual(["opened", "reminder"]);
    const { id } = await onlyIncident(as, monitorId);

    const acknowledged = await api(`/incidents/${id}/acknowledge`, { method: "POST", as: session });
    expect(acknowledged.status).toBe(200);
    expect(await acknowledged.json()).toMatchObject({ status: "acknowledged", acknowledgedBy: userId });
    // Twice is the same as once: no second event, no second notice.
    expect((await api(`/incidents/${id}/acknowledge`, { method: "POST", as })).status).toBe(200);

    // Eleven more failing minutes would have brought two reminders; then two passing rounds resolve it.
    const later = T0 + 7 * MINUTE;
    await rounds(organisationId, monitorId, [...Array(11).fill("FFF"), "PPP", "PPP"], later);
    expect(await outboxKinds(monitorId)).toEqual(["opened", "reminder", "acknowledged", "resolved"]);

    const incident = await onlyIncident(as, monitorId);
    expect(incident.status).toBe("resolved");
    expect(incident.events.map((e) => `${e.kind}:${e.author === userId ? "me" : e.author}`)).toEqual([
      "opened:system",
      "acknowledged:me",
      "resolved:system",
    ]);
    expect(incident.events[1]?.authorName).toBeTruthy();
    const conflict = await api(`/incidents/${id}/acknowledge`, { method: "POST", as });
    expect(conflict.status).toBe(409);
  });

  it("an operator's resolve is told once: the policy's later resolve of the same incident is not sent again", async () => {
    const { as, organisationId, monitorId } = await account();
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    const { id } = await onlyIncident(as, monitorId);
    const resolved = await api(`/incidents/${id}/resolve`, { method: "POST", as });
    expect(resolved.status).toBe(200);
    expect(await resolved.json()).toMatchObject({ status: "resolved" });
    // Still failing for a while (no reminders: it is closed), then healed.
    await rounds(organisationId, monitorId, [...Array(7).fill("FFF"), "PPP", "PPP"], T0 + 2 * MINUTE);
    expect(await outboxKinds(monitorId)).toEqual(["opened", "resolved"]);
    const incident = await onlyIncident(as, monitorId);
    expect(incident.events.map((e) => e.kind)).toEqual(["opened", "resolved"]);
    // A new failure is a new incident.
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0 + 20 * MINUTE);
    const list = (await (await api(`/incidents?monitor=${monitorId}&status=open`, { as })).json()) as {
      incidents: Incident[];
    };
    expect(list.incidents).toHaveLength(1);
    expect(list.incidents[0]?.id).not.toBe(id);
  });

  it("takes bounded, printable updates, public or not, and refuses control characters with a clear 400", async () => {
    const { as, organisationId, monitorId } = await account();
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    const { id } = await onlyIncident(as, monitorId);
    const post = (body: unknown) => api(`/incidents/${id}/updates`, { method: "POST", as, body });

    const ok = await post({ body: "We restarted the SBC.\r\nWatching the SRV records.", public: true });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      kind: "update",
      body: "We restarted the SBC.\nWatching the SRV records.",
      public: true,
    });
    expect((await post({ body: "internal: ticket 4711" })).status).toBe(201);

    for (const body of ["bell \u0007", "escape \u001b[31m", "bidi \u202e", "", "   ", "x".repeat(2001)]) {
      const refused = await post({ body });
      expect(refused.status, JSON.stringify(body)).toBe(400);
      const problem = (await refused.json()) as { errors: Array<{ field: string; message: string }> };
      expect(problem.errors[0]?.field).toBe("body");
    }
    const incident = await onlyIncident(as, monitorId);
    expect(incident.events.filter((e) => e.kind === "update").map((e) => e.public)).toEqual([true, false]);
  });

  it("pages the list with a cursor and filters by status", async () => {
    const { as, organisationId, monitorId } = await account();
    // Three incidents, hours apart (closer together they would be flapping, which opens none).
    const HOUR = 60 * MINUTE;
    await rounds(organisationId, monitorId, ["FFF", "FFF", "PPP", "PPP"], T0);
    await rounds(organisationId, monitorId, ["FFF", "FFF", "PPP", "PPP"], T0 + 3 * HOUR);
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0 + 6 * HOUR);
    const first = (await (await api(`/incidents?monitor=${monitorId}&limit=2`, { as })).json()) as {
      incidents: Incident[];
      nextCursor: string | null;
    };
    expect(first.incidents.map((i) => i.status)).toEqual(["open", "resolved"]);
    expect(first.nextCursor).not.toBeNull();
    const second = (await (
      await api(`/incidents?monitor=${monitorId}&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`, { as })
    ).json()) as { incidents: Incident[]; nextCursor: string | null };
    expect(second.incidents.map((i) => i.status)).toEqual(["resolved"]);
    expect(second.nextCursor).toBeNull();
    const resolved = (await (await api(`/incidents?monitor=${monitorId}&status=resolved`, { as })).json()) as {
      incidents: Incident[];
    };
    expect(resolved.incidents).toHaveLength(2);
    expect((await api("/incidents?cursor=not-a-cursor", { as })).status).toBe(400);
    expect((await api("/incidents?status=closed", { as })).status).toBe(400);
  });

  it("another organisation's incident is a 404 for every route, exactly like a missing one", async () => {
    const owner = await account();
    await rounds(owner.organisationId, owner.monitorId, ["FFF", "FFF"], T0);
    const { id } = await onlyIncident(owner.as, owner.monitorId);
    const stranger = await account();
    const attempts = [
      api(`/incidents/${id}`, { as: stranger.as }),
      api(`/incidents/${id}/acknowledge`, { method: "POST", as: stranger.as }),
      api(`/incidents/${id}/resolve`, { method: "POST", as: stranger.as }),
      api(`/incidents/${id}/updates`, { method: "POST", as: stranger.as, body: { body: "mine now" } }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ detail: `No incident ${id}` });
    }
    const missing = await api("/incidents/inc_missing", { as: stranger.as });
    expect(await missing.json()).toMatchObject({ detail: "No incident inc_missing" });
    const list = (await (await api(`/incidents?monitor=${owner.monitorId}`, { as: stranger.as })).json()) as {
      incidents: Incident[];
    };
    expect(list.incidents).toEqual([]);
    // Untouched by the stranger's attempts.
    const incident = await onlyIncident(owner.as, owner.monitorId);
    expect(incident.status).toBe("open");
    expect(incident.events.map((e) => e.kind)).toEqual(["opened"]);
  });

  it("records an API token as the author, by its id", async () => {
    const { as, organisationId, monitorId } = await account();
    await rounds(organisationId, monitorId, ["FFF", "FFF"], T0);
    const { id } = await onlyIncident(as, monitorId);
    const body = (await (await api(`/incidents/${id}/acknowledge`, { method: "POST", as })).json()) as Incident;
    expect(body.acknowledgedBy).toMatch(/^token:tok_/);
  });
});
