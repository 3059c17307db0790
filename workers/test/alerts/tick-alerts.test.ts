import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run-scheduled";
import { api, signedUpWithToken } from "../api/accounts";
import { lab } from "../fixtures";
import { insertMonitor, labServices } from "../pipeline/seed";
import { received, receiverPath } from "./receiver";

// 10:30 UTC: not a rollup minute.
const T0 = Date.UTC(2026, 10, 22, 10, 30);
const MINUTE = 60_000;

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
});
