import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run-scheduled";
import { createServices } from "../../src/services";
import { lab } from "../fixtures";
import type { ReceivedRequest } from "../lab-types";
import { insertMonitor, insertOrganisation, labEnv } from "../pipeline/seed";
import { insertChannel, received, receiverPath } from "./receiver";

// 11:00 UTC onwards; each tick is the next minute, and the monitor (interval 1) is due every one.
const T0 = Date.UTC(2026, 10, 22, 11, 0);
const MINUTE = 60_000;

async function setBroken(broken: boolean): Promise<void> {
  const response = await fetch(`${lab().breakable.controlUrl}/${broken ? "break" : "heal"}`, { method: "POST" });
  expect(response.status).toBe(204);
}

interface SlackBody {
  text: string;
  blocks: Array<{ text?: { text: string } }>;
}

const slackTexts = (requests: ReceivedRequest[]) => requests.map((r) => (JSON.parse(r.body) as SlackBody).text);
const emailSubjects = (requests: ReceivedRequest[]) =>
  requests.map((r) => (JSON.parse(r.body) as { subject: string }).subject);

describe("alerts end to end", () => {
  it("tells Slack and email once when a service breaks, nothing while it flaps, and once when it recovers", async () => {
    const slack = receiverPath("slack");
    const email = receiverPath("email");
    // The HTTP email API path, pointed at the loopback receiver.
    const services = createServices({ ...labEnv(), EMAIL_API_URL: email.url, EMAIL_API_KEY: "email-api-key" });
    const organisationId = await insertOrganisation(services);
    await insertChannel(services, organisationId, { type: "slack", webhookUrl: slack.url });
    await insertChannel(services, organisationId, { type: "email", to: ["oncall@example.com"] });
    const { domain } = lab().breakable;
    // failuresToOpen 2, successesToResolve 2 (the seed's thresholds), one region, due every minute.
    await insertMonitor(services, organisationId, { target: domain, regions: ["weur"], intervalMinutes: 1 });

    let minute = 0;
    const tick = async () => {
      const outcome = await runTick(services, T0 + minute++ * MINUTE);
      expect(outcome.monitors).toBe(1);
      return outcome;
    };
    const counts = async () => ({
      slack: (await received(slack.name)).length,
      email: (await received(email.name)).length,
    });

    try {
      await setBroken(false);
      await tick();
      await tick();
      expect(await counts()).toEqual({ slack: 0, email: 0 });

      await setBroken(true);
      expect((await tick()).alerts).toMatchObject({ evaluated: 1, enqueued: 0 });
      expect(await counts()).toEqual({ slack: 0, email: 0 });
      expect((await tick()).alerts).toMatchObject({ evaluated: 1, enqueued: 2, delivered: 2 });
      expect(await counts()).toEqual({ slack: 1, email: 1 });

      const [opened] = await received(slack.name);
      const openedBody = JSON.parse(opened?.body ?? "{}") as SlackBody;
      expect(openedBody.text).toBe(`${domain} is failing`);
      const blocks = openedBody.blocks.map((b) => b.text?.text ?? "").join("\n");
      // What broke (the TLS handshake with the SRV target, and where it was seen) and the fix.
      expect(blocks).toContain(`TLS handshake with sip1.${domain}:`);
      expect(blocks).toContain("fails (seen from weur). Fix: Check the certificate and private key");

      const [mail] = await received(email.name);
      expect(mail?.authorization).toBe("Bearer email-api-key");
      expect(JSON.parse(mail?.body ?? "{}")).toMatchObject({
        to: ["oncall@example.com"],
        subject: expect.stringContaining(`${domain} is failing`),
      });

      // Alternating every minute reaches neither threshold, so the incident simply stays open:
      // no resolve, no re-open, and so no flapping notice either (that takes more than 4
      // opens and resolves within an hour).
      for (const broken of [false, true, false, true]) {
        await setBroken(broken);
        expect((await tick()).alerts).toMatchObject({ evaluated: 1, enqueued: 0 });
      }
      expect(await counts()).toEqual({ slack: 1, email: 1 });

      await setBroken(false);
      expect((await tick()).alerts).toMatchObject({ enqueued: 0 });
      expect((await tick()).alerts).toMatchObject({ enqueued: 2, delivered: 2 });
      await tick();
      const slackSeen = await received(slack.name);
      const emailSeen = await received(email.name);
      expect(slackTexts(slackSeen)).toEqual([`${domain} is failing`, `${domain} has recovered`]);
      expect(emailSubjects(emailSeen)).toHaveLength(2);
      expect(emailSubjects(emailSeen)[1]).toContain(`${domain} has recovered`);
      expect([...slackSeen, ...emailSeen].every((r) => r.status === 200)).toBe(true);
    } finally {
      await setBroken(false);
    }
  }, 60_000);
});
