import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { linkFromMail, VERIFY_SUBJECT } from "./account-mail";
import { type RunningService, startService } from "./start-service";

/**
 * The dashboard end to end, as an operator meets it: Debian's Chromium against `npm start`
 * (the Worker serving web/dist, a local D1, the lab). Sign up, add a lab monitor and watch its
 * first report arrive, read the monitor page, add a Slack channel and send a test to a
 * Slack-compatible receiver on loopback, publish a badge and copy its snippet. Every page is
 * screenshotted into .artifacts/dashboard/ (light, dark, and 375 px wide).
 */
// What the page.evaluate() callbacks use of the browser: infra compiles against Node's types only.
interface PageElement {
  tagName: string;
  className: string;
  textContent: string | null;
  closest(selector: string): unknown;
  getBoundingClientRect(): { right: number };
}
declare const window: { innerWidth: number };
declare const document: {
  activeElement: { textContent: string | null } | null;
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
  createElement(tag: string): { textContent: string | null };
  body: { append(node: unknown): void };
};
declare const navigator: { clipboard: { readText(): Promise<string> } };
declare const location: { pathname: string };

const shot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath("dashboard", `${name}.png`), fullPage: true });

let service: RunningService;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let slack: Server;
const slackMessages: unknown[] = [];
const errors: string[] = [];
const email = `operator.${Date.now()}@example.test`;
const slug = `lab-pbx-${Date.now().toString(36)}`;

beforeAll(async () => {
  slack = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      slackMessages.push(JSON.parse(body));
      res.end("ok");
    });
  });
  await new Promise<void>((r) => slack.listen(0, "127.0.0.1", r));
  service = await startService({ worker: 18_887, dns: 15_499, doh: 18_253 });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: service.base });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: service.base });
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  // Content-Security-Policy violations: Chromium logs each as a console error ("Refused to ..."),
  // and the page hears a securitypolicyviolation event, logged here too. Failed fetches (the
  // 401 before sign-in, a report not there yet) are states the app shows, not errors.
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} (${e.blockedURI || "inline"}) on ${location.pathname}`);
    });
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(`console: ${m.text()}`);
  });
  page.setDefaultTimeout(15_000);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
  slack?.close();
});

describe("the dashboard in Chromium", () => {
  it("signs a new operator up and shows the empty overview that helps add a first monitor", async () => {
    const document = await page.goto("/");
    // The asset server sends web/dist/_headers: the Worker's own CSP, nosniff, no framing.
    const headers = (await document?.allHeaders()) ?? {};
    expect(headers["content-security-policy"]).toMatch(/^default-src 'self'; script-src 'self'; style-src 'self'/);
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["x-frame-options"]).toBe("DENY");
    await page.waitForURL("**/sign-in");
    await shot(page, "01-sign-in");
    // Keyboard first: the first Tab reaches the form, not a mouse-only control.
    await page.getByRole("link", { name: "Create an account" }).click();
    await page.getByLabel("Your name").fill("Olga Operator");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByLabel("Password").press("Enter");
    // Sign-up proves the address first: the link in the mail signs the operator in.
    await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
    await page.goto(await linkFromMail(service.stateDir, email, VERIFY_SUBJECT, "/api/auth/verify-email"));
    await page.getByRole("link", { name: "Go to your dashboard" }).click();
    await page.getByRole("heading", { name: "Watch your first SIP domain" }).waitFor();
    await shot(page, "02-overview-empty");
  });

  it("adds a lab monitor and shows its first report live, from both regions", async () => {
    await page.getByRole("link", { name: "+ Add your first monitor" }).click();
    await page.getByRole("button", { name: "Add and check now" }).click();
    // The browser's own checks name the fields before anything is sent.
    await expect(page.getByText("Give the monitor a name").isVisible()).resolves.toBe(true);
    await page.getByLabel("Name").fill("Lab PBX");
    await page.getByLabel("SIP domain or URI").fill("expired.sipwatch.test");
    await shot(page, "03-add-monitor");
    await page.getByRole("button", { name: "Add and check now" }).click();
    await page.getByRole("heading", { name: "Lab PBX is being watched" }).waitFor();
    await page.getByRole("region", { name: "Report from weur" }).waitFor({ timeout: 45_000 });
    await page.getByRole("region", { name: "Report from enam" }).waitFor();
    const weur = page.getByRole("region", { name: "Report from weur" });
    await expect(weur.getByText(/Linphone set to TLS cannot register from weur/).count()).resolves.toBe(1);
    await expect(
      weur.getByText(/baresip registers over TLS to sip1\.expired\.sipwatch\.test:\d+ from weur/).count(),
    ).resolves.toBe(1);
    await expect(weur.getByText(/Certificate of sip1\.expired\.sipwatch\.test.* expired/).count()).resolves.toBe(1);
    await shot(page, "04-first-report");
  });

  it("shows the monitor page: phones, findings with fixes, the matrix, the discovery tree and charts", async () => {
    // Hourly rollups run at minute 2 of the next hour. Fire that tick now through Miniflare's
    // trigger route (its `time` sets scheduledTime; wrangler's /__scheduled has no time), so
    // this hour's runs become chart buckets.
    const HOUR = 3_600_000;
    const rollupMinute = Math.floor(Date.now() / HOUR) * HOUR + HOUR + 2 * 60_000;
    const tick = await fetch(
      `${service.base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent("* * * * *")}&time=${rollupMinute}`,
    );
    expect(tick.status).toBe(200);
    await page.getByRole("link", { name: "Open the monitor" }).click();
    await page.getByRole("heading", { name: "Lab PBX", level: 1 }).waitFor();
    await page.getByRole("list", { name: "Client profiles" }).waitFor();
    const findings = page.getByRole("list", { name: "Open findings" });
    await findings.waitFor();
    const expired = findings.getByRole("listitem").filter({ hasText: "tls.cert.expired" });
    await expect(expired.getByText("Critical").count()).resolves.toBe(1);
    // One card for the expired certificate, naming both regions that see it.
    await expect(expired.getByText(/seen from (enam, weur|weur, enam)/).count()).resolves.toBe(1);
    await expect(expired.getByText(/^Fix:/).count()).resolves.toBe(1);
    const matrix = page.getByRole("table");
    await expect(matrix.getByRole("columnheader").allTextContents()).resolves.toEqual(
      expect.arrayContaining(["Transport", "Target", "weur", "enam"]),
    );
    await expect(matrix.getByText("✕ certificate not trusted").count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText(/SIPS\+D2T → _sips\._tcp\.expired\.sipwatch\.test/).count()).resolves.toBeGreaterThan(
      0,
    );
    // recharts, loaded on demand: the certificate timeline has a bar for the expired certificate.
    await page.locator(".recharts-surface").first().waitFor();
    // The tick runs in waitUntil after the trigger answers: wait for its rollups, then reload.
    const monitorId = new URL(page.url()).pathname.split("/").at(-1);
    await expect
      .poll(
        async () => {
          const res = await context.request.get(`/api/v1/monitors/${monitorId}/history/rollups?window=24h`);
          const body = (await res.json()) as { buckets?: unknown[] };
          return body.buckets?.length ?? `${res.status()} ${JSON.stringify(body)}`;
        },
        { timeout: 40_000, interval: 1_000 },
      )
      .toBeGreaterThan(0);
    await page.reload();
    // This hour's bucket: one point per region and transport on the availability chart.
    const availability = page.getByRole("region", { name: "Availability per transport and region" });
    await availability.locator(".recharts-line-dot").first().waitFor();
    await expect(availability.locator(".recharts-legend-item").allTextContents()).resolves.toEqual(
      expect.arrayContaining(["weur TLS", "enam TLS", "weur overall"]),
    );
    await expect(page.getByText(/expired \d+ days? ago, expires/).count()).resolves.toBeGreaterThan(0);
    await expect(
      page.getByRole("list", { name: "DNS changes, newest first" }).getByRole("listitem").count(),
    ).resolves.toBeGreaterThan(0);
    await shot(page, "05-monitor-detail");
    await page.getByRole("link", { name: "← Overview" }).click();
    const row = page.getByRole("listitem").filter({ hasText: "Lab PBX" });
    await row.getByText("Degraded").waitFor();
    await expect(row.getByRole("img", { name: "TLS down" }).count()).resolves.toBe(2);
    await shot(page, "06-overview");
  });

  it("adds a Slack channel and delivers a test message to a Slack-compatible receiver", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Alerts" }).click();
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByLabel("Name").fill("NOC Slack");
    await page
      .getByLabel("Slack incoming webhook URL")
      .fill(`http://127.0.0.1:${(slack.address() as AddressInfo).port}/services/T0/B0/x`);
    await page.getByRole("button", { name: "Add Slack channel" }).click();
    await page.getByText("NOC Slack").first().waitFor();
    await page
      .getByRole("button", { name: /Send test/ })
      .first()
      .click();
    await page.getByText("Test delivered").waitFor({ timeout: 20_000 });
    expect(slackMessages).toHaveLength(1);
    expect(JSON.stringify(slackMessages[0])).toMatch(/sipwatch/i);
    await shot(page, "07-alert-channels");
  });

  it("publishes a badge and copies its Markdown snippet", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("link", { name: "Lab PBX" }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Publish a status badge and a public status page").check();
    await page.getByLabel("Slug").fill(slug);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL(/\/monitors\/[^/]+$/);
    await page.getByRole("heading", { name: "Lab PBX", level: 1 }).waitFor();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Badges" }).click();
    const badge = page.getByRole("img", { name: "Status badge" }).first();
    await badge.waitFor();
    await expect
      .poll(() =>
        badge.evaluate((img) => {
          const loaded = img as unknown as { complete: boolean; naturalWidth: number };
          return loaded.complete ? loaded.naturalWidth : 0;
        }),
      )
      .toBeGreaterThan(0);
    await page.getByRole("button", { name: "Copy markdown" }).first().click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(`![Lab PBX: Status](${service.base}/badge/${slug}.svg)`);
    await shot(page, "08-badges");
  });

  it("plans a maintenance window that holds alerts, and says so", async () => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("link", { name: "Lab PBX" }).click();
    await page.getByRole("heading", { name: "Maintenance windows" }).waitFor();
    await page.getByText("No maintenance planned: every incident alerts.").waitFor();
    const inTwoHours = await page.evaluate(() => {
      const d = new Date(Date.now() + 2 * 3_600_000);
      const pad = (n: number) => String(n).padStart(2, "0");
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    });
    await page.getByLabel("Ends").fill(inTwoHours);
    await page.getByRole("textbox", { name: "Reason" }).fill("PBX firmware upgrade");
    await page.getByRole("button", { name: "Plan maintenance" }).click();
    const planned = page.getByRole("list", { name: "Maintenance windows" }).getByRole("listitem");
    await planned.filter({ hasText: "PBX firmware upgrade" }).getByText("Upcoming").waitFor();
    await shot(page, "09-maintenance");
  });

  it("creates a second organisation from the switcher, and switches back", async () => {
    page.once("dialog", (dialog) => dialog.accept("Acme Voice"));
    await page.getByLabel("Organisation").selectOption("+ New organisation…");
    await page.getByRole("heading", { name: "Watch your first SIP domain" }).waitFor();
    await expect(page.getByLabel("Organisation").inputValue()).resolves.not.toBe("__new__");
    await expect(page.locator("#organisation option:checked").textContent()).resolves.toBe("Acme Voice");
    await page.getByLabel("Organisation").selectOption({ index: 0 });
    await page.getByRole("link", { name: "Lab PBX" }).waitFor();
  });

  it("can be used from the keyboard: skip link first, then a monitor opens with Enter", async () => {
    await page.goto("/");
    await page.getByRole("list", { name: "Monitors" }).waitFor();
    await page.keyboard.press("Tab");
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe("Skip to content");
    await page.getByRole("link", { name: "Lab PBX" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Lab PBX", level: 1 }).waitFor();
  });

  it("works at 375 px wide and in the dark theme, with no script errors", async () => {
    await page.getByRole("button", { name: "Switch to dark theme" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Overview" }).click();
    await page.getByRole("list", { name: "Monitors" }).waitFor();
    await shot(page, "10-overview-dark");
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole("link", { name: "Lab PBX" }).click();
    await page.getByRole("heading", { name: "Lab PBX", level: 1 }).waitFor();
    // Nothing wider than the screen but the tables, which scroll inside their own box.
    const tooWide = await page.evaluate(() =>
      [...document.querySelectorAll("main *")]
        .filter(
          (e) =>
            !e.closest(".table-scroll, .recharts-wrapper") && e.getBoundingClientRect().right > window.innerWidth + 1,
        )
        .slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${(e.textContent ?? "").slice(0, 60)}`),
    );
    expect(tooWide).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await shot(page, "11-monitor-375px-dark");
    expect(errors).toEqual([]);
    // And the policy is in force: an injected inline script is refused and reported.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
    });
    await expect.poll(() => errors.some((e) => e.includes("CSP violation: script-src"))).toBe(true);
  });
});
