import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { runTick } from "../../src/scheduled/run-scheduled";
import { asAgent, createAgent } from "../agent/agent-fixtures";
import { received, receiverPath } from "../alerts/receiver";
import { api, ORIGIN, signUp } from "../api/accounts";
import { lab } from "../fixtures";
import { labServices } from "../pipeline/seed";
import { storedRows } from "./stored";

const T0 = Date.UTC(2026, 11, 5, 9, 0);
const json = async <T>(response: Response) => (await response.json()) as T;

/** The password as it would leak: itself, and in the encodings a careless write would use. */
const leakForms = (password: string) => [
  password,
  btoa(password),
  encodeURIComponent(password),
  [...new TextEncoder().encode(password)].map((b) => b.toString(16).padStart(2, "0")).join(""),
];

describe("a monitor's SIP password", () => {
  it("is nowhere in the database or in anything sipwatch answers or sends, while the edge registers with it", async () => {
    const owner = await signUp("Credential Owner");
    const { account, ports } = lab().registrars;
    // One monitor registers with the right password, one is refused with a wrong one (which
    // opens an alert, so alert payloads are read too); both passwords must stay secret.
    const wrongPassword = `wrong-${crypto.randomUUID()}`;
    const monitors: Array<{ id: string; slug: string; password: string }> = [];
    for (const password of [account.password, wrongPassword]) {
      const slug = `reg-${crypto.randomUUID().slice(0, 8)}`;
      const created = await api("/monitors", {
        method: "POST",
        as: owner,
        body: {
          name: `Registrar ${slug}`,
          target: `sip:127.0.0.1:${ports.honest.tcp};transport=tcp`,
          expectedTransports: ["tcp"],
          regions: ["weur"],
          intervalMinutes: 1,
          thresholds: { failuresToOpen: 1, successesToResolve: 1 },
          isPublic: true,
          slug,
        },
      });
      expect(created.status).toBe(201);
      const { id } = await json<{ id: string }>(created);
      const put = await api(`/monitors/${id}/credentials`, {
        method: "PUT",
        as: owner,
        body: { user: account.user, password },
      });
      expect(put.status).toBe(200);
      expect(await json(put)).toMatchObject({ source: "stored", user: account.user, password: "set" });
      monitors.push({ id, slug, password });
    }
    const services = labServices();
    const slack = receiverPath("slack");
    const webhook = receiverPath("webhook");
    const channelIds: string[] = [];
    for (const config of [
      { type: "slack", webhookUrl: slack.url },
      { type: "webhook", url: webhook.url },
    ]) {
      const channel = await api("/channels", { method: "POST", as: owner, body: { name: config.type, config } });
      expect(channel.status).toBe(201);
      channelIds.push((await json<{ id: string }>(channel)).id);
    }
    const agent = await createAgent(owner, "office");

    for (let minute = 0; minute < 2; minute++) await runTick(services, T0 + minute * 60_000);

    const responses: string[] = [];
    const read = async (path: string, init?: Parameters<typeof api>[1]) => {
      const response = await api(path, { as: owner, ...init });
      expect(response.status, path).toBeLessThan(300);
      const text = await response.text();
      responses.push(text);
      return text;
    };
    await read("/monitors");
    await read("/overview");
    await read("/overview/availability");
    await read("/channels");
    for (const id of channelIds) await read(`/channels/${id}/deliveries`);
    for (const { id, slug } of monitors) {
      await read(`/monitors/${id}`);
      await read(`/monitors/${id}/credentials`);
      await read(`/monitors/${id}/report`);
      for (const part of ["runs", "findings", "dns", "rollups"]) await read(`/monitors/${id}/history/${part}`);
      await read(`/monitors/${id}/run`, { method: "POST" });
      for (const path of [`/status/${slug}`, `/badge/${slug}.svg`, `/badge/${slug}.json`]) {
        const response = await SELF.fetch(`${ORIGIN}${path}`);
        expect(response.status, path).toBe(200);
        responses.push(await response.text());
      }
    }
    const jobs = await asAgent(agent.token, "/agent/jobs");
    expect(jobs.status).toBe(200);
    responses.push(await jobs.text());
    const alerts = [...(await received(slack.name)), ...(await received(webhook.name))].map((r) => r.body);

    // Not vacuous: the edge did register with the stored password, and was refused with the wrong one.
    const reports = await Promise.all(
      monitors.map(async ({ id }) =>
        json<{ vantages: Array<{ run: { summary: { targets: Array<{ register?: { outcome: string } }> } } }> }>(
          await api(`/monitors/${id}/report`, { as: owner }),
        ),
      ),
    );
    const outcomes = reports.map((r) =>
      r.vantages.flatMap((v) => v.run.summary.targets.map((t) => t.register?.outcome)),
    );
    expect(outcomes).toEqual([["registered"], ["credentials-rejected"]]);
    expect((await received(slack.name)).length).toBeGreaterThan(0);
    expect((await received(webhook.name)).length).toBeGreaterThan(0);
    expect(alerts.join("\n")).toContain("credentials");

    const stored = await storedRows();
    expect(stored).toContain("monitor_credential");
    for (const { password } of monitors) {
      for (const [index, form] of leakForms(password).entries()) {
        // The messages name the encoding, never the password: test logs are read by people too.
        expect(stored.includes(form), `stored rows hold the password (encoding ${index})`).toBe(false);
        for (const text of responses) expect(text.includes(form), "an API response holds the password").toBe(false);
        for (const body of alerts) expect(body.includes(form), "an alert holds the password").toBe(false);
      }
    }
  });
});
