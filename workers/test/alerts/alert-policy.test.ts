import { env } from "cloudflare:workers";
import { findMonitor } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import { api, type Credentials, signedUpWithToken } from "../api/accounts";
import { labServices } from "../pipeline/seed";
import { regionRound } from "./audits";
import { insertChannel } from "./receiver";

const MINUTE = 60_000;
const services = labServices();

/** A signed-up user with a Slack channel; alerts are read back from the outbox. */
async function account(): Promise<{ as: Credentials; organisationId: string; channelId: string }> {
  const user = await signedUpWithToken();
  const as = { token: user.token };
  const organisation = (await (await api("/organisations/current", { as })).json()) as { id: string };
  const channelId = await insertChannel(services, organisation.id, {
    type: "slack",
    webhookUrl: "http://127.0.0.1:9/unused",
  });
  return { as, organisationId: organisation.id, channelId };
}

async function createMonitor(as: Credentials, body: Record<string, unknown>): Promise<Response> {
  return api("/monitors", { method: "POST", as, body: { name: "pbx", target: "example.com", ...body } });
}

/** Runs one round per minute from `start`, with the monitor as stored now (its policy, its windows). */
async function rounds(organisationId: string, monitorId: string, verdicts: string[], start: number) {
  for (const [i, round] of verdicts.entries()) {
    const monitor = await findMonitor(services.db, organisationId, monitorId);
    if (!monitor) throw new Error("monitor vanished");
    await enqueueAlerts(services.db, [monitor], regionRound(monitorId, round, start + i * MINUTE), start + i * MINUTE);
  }
}

/** The notifications enqueued for the monitor, as "minute:kind" relative to `start`. */
async function sent(monitorId: string, start: number): Promise<string[]> {
  const { results } = await env.DB.prepare(
    "SELECT json_extract(action, '$.kind') AS kind, json_extract(action, '$.at') AS at FROM alert_outbox WHERE monitor_id = ? ORDER BY id",
  )
    .bind(monitorId)
    .all<{ kind: string; at: number }>();
  return results.map((r) => `${(r.at - start) / MINUTE}:${r.kind}`);
}

/** The next whole minute: maintenance windows must end in the future when they are created. */
const nextMinute = () => Math.ceil(Date.now() / MINUTE) * MINUTE + MINUTE;

describe("alert policy settings per monitor", () => {
  it("stores quorum, reminders and flap settings, shows the defaults, and merges changes", async () => {
    const { as } = await account();
    const created = await createMonitor(as, { alertPolicy: { quorum: 1 } });
    expect(created.status).toBe(201);
    const monitor = (await created.json()) as { id: string; alertPolicy: unknown };
    expect(monitor.alertPolicy).toEqual({
      quorum: 1,
      reminderIntervalMinutes: 240,
      flapMaxChanges: 4,
      flapWindowMinutes: 60,
    });
    const plain = (await (await createMonitor(as, {})).json()) as { alertPolicy: { quorum: number } };
    expect(plain.alertPolicy.quorum).toBe(2);

    const patched = await api(`/monitors/${monitor.id}`, {
      method: "PATCH",
      as,
      body: { alertPolicy: { reminderIntervalMinutes: 0 } },
    });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { alertPolicy: unknown }).alertPolicy).toMatchObject({
      quorum: 1,
      reminderIntervalMinutes: 0,
    });
  });

  it("refuses settings out of range with a 400 that names the field", async () => {
    const { as } = await account();
    const response = await createMonitor(as, { alertPolicy: { quorum: 0, flapWindowMinutes: 2 } });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { code: string; errors: Array<{ field: string }> };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["alertPolicy.flapWindowMinutes", "alertPolicy.quorum"]);
  });

  it("quorum: one region of three failing alerts only when the monitor's quorum is 1", async () => {
    const { as, organisationId } = await account();
    const strict = ((await (await createMonitor(as, { alertPolicy: { quorum: 1 } })).json()) as { id: string }).id;
    const lenient = ((await (await createMonitor(as, {})).json()) as { id: string }).id;
    const start = nextMinute();
    const oneRegionFailing = ["FPP", "PFP", "FPP", "FPP"];
    await rounds(organisationId, strict, oneRegionFailing, start);
    await rounds(organisationId, lenient, oneRegionFailing, start);
    // Quorum 1 counts every round with a failing region: rounds 0..3 all fail, opens at 1.
    expect(await sent(strict, start)).toEqual(["1:opened"]);
    // The default quorum of 2 never sees a failing round.
    expect(await sent(lenient, start)).toEqual([]);
  });

  it("the reminder interval setting decides when an open incident is repeated", async () => {
    const { as, organisationId } = await account();
    const id = (
      (await (await createMonitor(as, { alertPolicy: { reminderIntervalMinutes: 2 } })).json()) as {
        id: string;
      }
    ).id;
    const start = nextMinute();
    await rounds(organisationId, id, ["FFF", "FFF", "FFF", "FFF", "FFF", "FFF"], start);
    expect(await sent(id, start)).toEqual(["1:opened", "3:reminder", "5:reminder"]);
  });
});

describe("maintenance windows", () => {
  async function addWindow(as: Credentials, monitorId: string, startsAt: number, endsAt: number) {
    return api(`/monitors/${monitorId}/maintenance`, {
      method: "POST",
      as,
      body: { startsAt: new Date(startsAt).toISOString(), endsAt: new Date(endsAt).toISOString(), reason: "firmware" },
    });
  }

  it("holds the alert back while it lasts, and it fires after the window when still broken", async () => {
    const { as, organisationId } = await account();
    const id = ((await (await createMonitor(as, {})).json()) as { id: string }).id;
    const start = nextMinute();
    expect((await addWindow(as, id, start, start + 4 * MINUTE)).status).toBe(201);
    await rounds(organisationId, id, ["FFF", "FFF", "FFF", "FFF"], start);
    expect(await sent(id, start)).toEqual([]);
    await rounds(organisationId, id, ["FFF"], start + 4 * MINUTE);
    expect(await sent(id, start)).toEqual(["4:opened"]);
  });

  it("an incident that heals inside the window is never announced, and none follows it", async () => {
    const { as, organisationId } = await account();
    const id = ((await (await createMonitor(as, {})).json()) as { id: string }).id;
    const start = nextMinute();
    await addWindow(as, id, start, start + 5 * MINUTE);
    await rounds(organisationId, id, ["FFF", "FFF", "FFF", "PPP", "PPP", "PPP", "PPP", "PPP"], start);
    expect(await sent(id, start)).toEqual([]);
  });

  it("a deleted window stops holding alerts back", async () => {
    const { as, organisationId } = await account();
    const id = ((await (await createMonitor(as, {})).json()) as { id: string }).id;
    const start = nextMinute();
    const window = (await (await addWindow(as, id, start, start + 60 * MINUTE)).json()) as { id: string };
    await rounds(organisationId, id, ["FFF", "FFF"], start);
    expect(await sent(id, start)).toEqual([]);
    const deleted = await api(`/monitors/${id}/maintenance/${window.id}`, { method: "DELETE", as });
    expect(deleted.status).toBe(204);
    await rounds(organisationId, id, ["FFF"], start + 2 * MINUTE);
    expect(await sent(id, start)).toEqual(["2:opened"]);
    const listed = (await (await api(`/monitors/${id}/maintenance`, { as })).json()) as { windows: unknown[] };
    expect(listed.windows).toEqual([]);
  });

  it("lists windows and refuses ones that end before they start, are not dates, or are over", async () => {
    const { as } = await account();
    const id = ((await (await createMonitor(as, {})).json()) as { id: string }).id;
    const start = nextMinute();
    await addWindow(as, id, start, start + MINUTE);
    const listed = (await (await api(`/monitors/${id}/maintenance`, { as })).json()) as {
      windows: Array<{ reason: string; startsAt: string; endsAt: string }>;
    };
    expect(listed.windows).toEqual([
      expect.objectContaining({
        reason: "firmware",
        startsAt: new Date(start).toISOString(),
        endsAt: new Date(start + MINUTE).toISOString(),
      }),
    ]);

    const fieldsOf = async (response: Response) => {
      expect(response.status).toBe(400);
      return ((await response.json()) as { errors: Array<{ field: string; message: string }> }).errors;
    };
    expect(await fieldsOf(await addWindow(as, id, start + MINUTE, start))).toEqual([
      { field: "endsAt", message: "must be after startsAt" },
    ]);
    expect(await fieldsOf(await addWindow(as, id, start - 120 * MINUTE, start - 60 * MINUTE))).toEqual([
      { field: "endsAt", message: "is in the past" },
    ]);
    const notADate = await api(`/monitors/${id}/maintenance`, {
      method: "POST",
      as,
      body: { startsAt: "tomorrow", endsAt: new Date(start).toISOString(), reason: "x" },
    });
    expect((await fieldsOf(notADate)).map((e) => e.field)).toEqual(["startsAt"]);
    // Another organisation's monitor answers like a missing one.
    const stranger = await account();
    expect((await addWindow(stranger.as, id, start, start + MINUTE)).status).toBe(404);
  });
});
