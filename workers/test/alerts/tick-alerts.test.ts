import { maintenanceWindows } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run-scheduled";
import { api, signedUpWithToken } from "../api/accounts";
import { lab } from "../fixtures";
import { insertMonitor, insertOrganisation, labServices } from "../pipeline/seed";
import { insertChannel, received, receiverPath } from "./receiver";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 22, 10, 30);
const MINUTE = 60_000;
// 14:30 UTC the next day: not a rollup minute either.
const T1 = Date.UTC(2026, 10, 23, 14, 30);

interface Delivery {
  kind: string;
  status: string;
  attempts: number;
}

describe("alerts in the scheduled tick", () => {
  it("audits a monitor with an expired certificate, opens after two failing ticks and delivers one signed webhook", async () => {
    const services = labServices();
    const user = await signedUpWithToken();
    const as = { token: user.token };
    const organisation = (await (await api("/organisations/current", { as })).json()) as { id: string };
    const hook = receiverPath("webhook");
    const channel = (await (
      await api("/channels", {
        method: "POST",
        as,
        body: { name: "hook", config: { type: "webhook", url: hook.url, secret: lab().webhookSecret } },
      })
    ).json()) as { id: string };
    await insertMonitor(services, organisation.id, { target: "expired.sipwatch.test", regions: ["weur"] });

    const first = await runTick(services, T0);
    expect(first.alerts).toMatchObject({ evaluated: 1, enqueued: 0 });
    const second = await runTick(services, T0 + MINUTE);
    expect(second.alerts).toMatchObject({ evaluated: 1, enqueued: 1, delivered: 1 });
    await runTick(services, T0 + 2 * MINUTE);

    const requests = await received(hook.name);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signatureValid).toBe(true);
    const body = JSON.parse(requests[0]?.body ?? "{}");
    expect(body).toMatchObject({ type: "opened", monitor: { name: "expired.sipwatch.test" } });
    expect(body.action.findings.map((f: { id: string }) => f.id)).toContain("tls.cert.expired");

    const deliveries = (await (await api(`/channels/${channel.id}/deliveries`, { as })).json()) as {
      deliveries: Delivery[];
    };
    expect(deliveries.deliveries).toMatchObject([{ kind: "opened", status: "delivered", attempts: 1 }]);
  });

  it("holds a tick's alert back during the monitor's maintenance window and sends it when the window ends", async () => {
    const services = labServices();
    const organisationId = await insertOrganisation(services);
    const hook = receiverPath("slack");
    await insertChannel(services, organisationId, { type: "slack", webhookUrl: hook.url });
    const monitorId = await insertMonitor(services, organisationId, {
      target: "expired.sipwatch.test",
      regions: ["weur"],
    });
    // Written directly: the API refuses windows in the past, and this tick's clock is in the past.
    await services.db.insert(maintenanceWindows).values({
      id: "mnt_tick",
      monitorId,
      startsAt: T1,
      endsAt: T1 + 3 * MINUTE,
      reason: "certificate rollover",
      createdAt: T1,
    });
    // Counted per receiver: the ticks also run the first test's monitor, which is not this one's.
    for (const minute of [0, 1, 2]) {
      await runTick(services, T1 + minute * MINUTE);
      expect(await received(hook.name)).toEqual([]);
    }
    await runTick(services, T1 + 3 * MINUTE);
    const messages = (await received(hook.name)).map((r) => (JSON.parse(r.body) as { text: string }).text);
    expect(messages).toEqual(["expired.sipwatch.test is failing"]);
  });
});
