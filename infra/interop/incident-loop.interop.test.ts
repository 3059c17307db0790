import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { signUpAndVerifyInPage } from "./account-mail";
import { type RunningService, startService } from "./start-service";

/**
 * The operator's loop of issue 16, end to end on `npm start` (real cron ticks every minute,
 * the queue, the outbox) in Debian's Chromium: a lab monitor breaks (re-pointed at the lab's
 * expired-certificate PBX) -> an incident opens -> it is acknowledged in the dashboard ->
 * reminders stop -> a public update is posted -> the monitor heals (pointed back at the
 * healthy PBX) -> the incident resolves. A PagerDuty-compatible receiver on loopback sees
 * trigger, acknowledge and resolve under one dedup key; a signed-webhook receiver counts the
 * reminders. Each step is its own `it`, so steps (such as "the update is on the public status
 * page") slot in between. Screenshots go to .artifacts/incident-loop/.
 */

interface Received {
  path: string;
  body: Record<string, unknown>;
}

/** One loopback receiver that keeps every JSON body it is sent, answering like the service (202 / 200). */
async function startReceiver(status: number): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (d) => {
      body += d;
    });
    request.on("end", () => {
      received.push({ path: request.url ?? "/", body: JSON.parse(body) as Record<string, unknown> });
      response.writeHead(status, { "content-type": "application/json" }).end('{"status":"success"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

const shot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath("incident-loop", `${name}.png`), fullPage: true });

const MINUTE = 60_000;
// A PagerDuty integration key is 32 characters.
const ROUTING_KEY = "INTEROPROUTINGKEY000000000000000";

let service: RunningService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let pagerDuty: Awaited<ReturnType<typeof startReceiver>>;
let webhook: Awaited<ReturnType<typeof startReceiver>>;
let monitorId = "";
let incidentId = "";
let pageSlug = "";
const errors: string[] = [];

const pagerDutyActions = () => pagerDuty.received.map((r) => r.body.event_action);
const reminders = () => webhook.received.filter((r) => r.body.type === "reminder").length;

async function apiJson<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await context.request.fetch(`/api/v1${path}`, {
    method,
    ...(body === undefined ? {} : { data: body }),
  });
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

async function incidentStatus(): Promise<string | undefined> {
  const list = await apiJson<{ incidents: Array<{ id: string; status: string }> }>(
    "GET",
    `/incidents?monitor=${monitorId}`,
  );
  if (list.incidents[0]) incidentId = list.incidents[0].id;
  return list.incidents[0]?.status;
}

beforeAll(async () => {
  pagerDuty = await startReceiver(202);
  webhook = await startReceiver(200);
  service = await startService({ worker: 8804, dns: 5314, doh: 8064 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: service.base });
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
  });
  page.setDefaultTimeout(15_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  pagerDuty?.server.close();
  webhook?.server.close();
});

describe("the incident loop in Chromium", () => {
  it("an operator signs up, adds PagerDuty and a webhook, and watches a healthy lab PBX", async () => {
    await signUpAndVerifyInPage(page, service.base, service.stateDir, { name: "Olga Oncall" });
    await page.getByRole("heading", { name: "Watch your first SIP domain" }).waitFor();

    // The lab allows a loopback endpoint in place of events.pagerduty.com (the API's `url`).
    await apiJson("POST", "/channels", {
      name: "On-call PagerDuty",
      config: { type: "pagerduty", routingKey: ROUTING_KEY, url: `${pagerDuty.url}/v2/enqueue` },
    });
    await apiJson("POST", "/channels", { name: "Reminder counter", config: { type: "webhook", url: webhook.url } });
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { name: "On-call PagerDuty" }).waitFor();
    await page.getByText(`Events API at 127.0.0.1:${new URL(pagerDuty.url).port}`).waitFor();
    await shot(page, "01-channels");

    const monitor = await apiJson<{ id: string }>("POST", "/monitors", {
      name: "Lab PBX",
      target: "healthy.sipwatch.test",
      intervalMinutes: 1,
      thresholds: { failuresToOpen: 1, successesToResolve: 1 },
      alertPolicy: { quorum: 1, reminderIntervalMinutes: 1 },
    });
    monitorId = monitor.id;
  });

  it(
    "the PBX breaks and an incident opens; PagerDuty gets a trigger and reminders follow",
    async () => {
      // Its certificate "expires": the monitor now watches the lab's PBX with an expired one.
      await apiJson("PATCH", `/monitors/${monitorId}`, { target: "expired.sipwatch.test" });
      await expect.poll(incidentStatus, { timeout: 4 * MINUTE, interval: 2_000 }).toBe("open");
      await expect.poll(pagerDutyActions, { timeout: MINUTE, interval: 1_000 }).toEqual(["trigger"]);
      // One minute's reminder interval: the next tick reminds.
      await expect.poll(reminders, { timeout: 3 * MINUTE, interval: 2_000 }).toBeGreaterThan(0);
    },
    9 * MINUTE,
  );

  it(
    "the operator acknowledges it in the dashboard, and the reminders stop",
    async () => {
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
      await page
        .getByRole("link", { name: /Certificate|expired/i })
        .first()
        .click();
      await page.getByRole("heading", { level: 1 }).waitFor();
      await shot(page, "02-incident-open");
      await page.getByRole("button", { name: "Acknowledge" }).click();
      await page.getByText("Acknowledged by Olga Oncall").waitFor();
      const remindedBefore = reminders();
      await expect.poll(pagerDutyActions, { timeout: 2 * MINUTE, interval: 1_000 }).toEqual(["trigger", "acknowledge"]);
      // Two more ticks while still broken: no reminder among them.
      await new Promise((resolve) => setTimeout(resolve, 2 * MINUTE + 10_000));
      expect(reminders()).toBe(remindedBefore);
      expect(await incidentStatus()).toBe("acknowledged");
    },
    5 * MINUTE,
  );

  it("the operator posts a public update", async () => {
    await page
      .getByLabel("Update", { exact: true })
      .fill("The PBX certificate expired; a renewed one is being installed.");
    await page.getByRole("checkbox", { name: /Public/ }).check();
    await page.getByRole("button", { name: "Post update" }).click();
    await page.getByText("The PBX certificate expired; a renewed one is being installed.").waitFor();
    await page.getByText("Olga Oncall posted a public update").waitFor();
    await shot(page, "03-incident-acknowledged-updated");
  });

  /** The public status page as a visitor sees it: no session, no JavaScript. */
  async function publicPageText(name: string, wanted: string): Promise<void> {
    const visitor = await browser.newContext({ baseURL: service.base, javaScriptEnabled: false });
    try {
      const publicPage = await visitor.newPage();
      await publicPage.goto(`/pages/${pageSlug}`);
      await publicPage.getByText(wanted).first().waitFor();
      // The incident's internal title names the host; the public page never does.
      expect(await publicPage.content()).not.toContain("expired.sipwatch.test");
      await shot(publicPage, name);
    } finally {
      await visitor.close();
    }
  }

  it("the update appears on the public status page", async () => {
    pageSlug = `lab-voice-${Date.now()}`;
    await apiJson("POST", "/status-pages", { slug: pageSlug, title: "Lab voice status", monitorIds: [monitorId] });
    await publicPageText("03b-public-page-update", "The PBX certificate expired; a renewed one is being installed.");
    await publicPageText("03c-public-page-heading", "Lab PBX: disruption, being worked on");
  });

  it(
    "the PBX heals and the incident resolves; PagerDuty saw one dedup key throughout",
    async () => {
      await apiJson("PATCH", `/monitors/${monitorId}`, { target: "healthy.sipwatch.test" });
      await expect.poll(incidentStatus, { timeout: 4 * MINUTE, interval: 2_000 }).toBe("resolved");
      await expect
        .poll(pagerDutyActions, { timeout: 2 * MINUTE, interval: 1_000 })
        .toEqual(["trigger", "acknowledge", "resolve"]);
      const keys = new Set(pagerDuty.received.map((r) => r.body.dedup_key));
      expect(keys).toEqual(new Set([`sipwatch-${incidentId}`]));
      expect(pagerDuty.received.every((r) => r.path === "/v2/enqueue" && r.body.routing_key === ROUTING_KEY)).toBe(
        true,
      );
      await page.reload();
      await page.getByText("Resolved: the monitor recovered").waitFor();
      await shot(page, "04-incident-resolved");
      // The edge cache is keyed on the incident's version: the resolve shows at once.
      await publicPageText("05-public-page-resolved", "Lab PBX: disruption, resolved");
      expect(errors).toEqual([]);
    },
    7 * MINUTE,
  );
});
