import { monitors } from "@sipwatch/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { deliverDueAlerts } from "../../src/notify/deliver-outbox";
import { enqueueAlerts } from "../../src/scheduled/enqueue-alerts";
import { lab } from "../fixtures";
import type { SentEmail } from "../lab-types";
import { insertMonitor, insertOrganisation, labServices } from "../pipeline/seed";
import { regionRound } from "./audits";
import { insertChannel } from "./receiver";

const T0 = Date.UTC(2026, 10, 22, 13, 0);
const MINUTE = 60_000;
// Characters HTML must escape and plain text must keep as they are.
const NAME = 'Office <PBX> & "trunk"';

/**
 * The messages the local send_email binding sent whose record contains `needle`, once miniflare
 * has also written their parts to disk (it does that in a waitUntil, after send() returns).
 */
async function sentContaining(needle: string, count: number): Promise<SentEmail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const response = await fetch(`${lab().sentEmailUrl}/sent-email?containing=${encodeURIComponent(needle)}`);
    expect(response.status).toBe(200);
    const sent = (await response.json()) as SentEmail[];
    const complete = sent.length >= count && sent.every((m) => m.textFile !== null && m.htmlFile !== null);
    if (complete || Date.now() > deadline) return sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("email through workerd's local send_email binding", () => {
  it("sends the alert as HTML and plain text, to every address, with the monitor's link; then the recovery", async () => {
    const services = labServices();
    const organisationId = await insertOrganisation(services);
    const monitorId = await insertMonitor(services, organisationId, {
      target: "example.com",
      regions: ["weur", "enam"],
    });
    await services.db.update(monitors).set({ name: NAME }).where(eq(monitors.id, monitorId));
    await insertChannel(services, organisationId, { type: "email", to: ["ops@example.test", "oncall@example.test"] });
    const monitor = { id: monitorId, organisationId, thresholds: { failuresToOpen: 2, successesToResolve: 2 } };
    const alertRound = (verdicts: string, at: number) =>
      enqueueAlerts(services.db, [monitor as never], regionRound(monitorId, verdicts, at), at);

    await alertRound("FF", T0);
    await alertRound("FF", T0 + MINUTE);
    expect(await deliverDueAlerts(services, T0 + MINUTE)).toEqual({ delivered: 1, retrying: 0, failed: 0, skipped: 0 });

    const link = `http://sipwatch.test/monitors/${monitorId}`;
    const [opened, ...others] = await sentContaining(monitorId, 1);
    expect(others).toEqual([]);
    expect(opened?.stored).toMatchObject({
      from: "alerts@sipwatch.test",
      to: ["ops@example.test", "oncall@example.test"],
      subject: `[sipwatch] ${NAME} is failing`,
      messageId: `<${opened?.id}>`,
    });
    // The parts as written to disk are the parts that were sent.
    expect(opened?.textFile).toBe(opened?.stored.text);
    expect(opened?.htmlFile).toBe(opened?.stored.html);

    const text = opened?.textFile ?? "";
    expect(text.split("\n")).toEqual([
      `${NAME} is failing`,
      "",
      `example.com: Failing from weur, enam since ${new Date(T0 + MINUTE).toISOString().replace(".000Z", "Z")}.`,
      "",
      "- SRV target sip2.example.com has no address (seen from weur, enam). Fix: Add an A record for sip2.example.com or remove the SRV record",
      "",
      `Open the monitor: ${link}`,
    ]);

    const html = opened?.htmlFile ?? "";
    expect(html).toContain(
      `<h2 style="font-family:sans-serif">Office &lt;PBX&gt; &amp; &quot;trunk&quot; is failing</h2>`,
    );
    expect(html).not.toContain("<PBX>");
    expect(html).toContain("<li><strong>SRV target sip2.example.com has no address</strong>");
    expect(html.match(/<a href="([^"]+)">Open the monitor<\/a>/)?.[1]).toBe(link);

    await alertRound("PP", T0 + 2 * MINUTE);
    await alertRound("PP", T0 + 3 * MINUTE);
    await deliverDueAlerts(services, T0 + 3 * MINUTE);
    const both = await sentContaining(monitorId, 2);
    expect(both.map((m) => m.stored.subject)).toEqual([
      `[sipwatch] ${NAME} is failing`,
      `[sipwatch] ${NAME} has recovered`,
    ]);
    expect(both[1]?.textFile).toContain("Back to normal after 2 min");
    expect(both[1]?.htmlFile).toContain(`<a href="${link}">Open the monitor</a>`);
  });
});
