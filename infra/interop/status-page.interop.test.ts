import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { DEMO_STATUS_PAGE } from "../dev/seed-demo";
import { type RunningService, startService } from "./start-service";

/**
 * The demo organisation's public status page from `npm start`, in Debian's Chromium, as a
 * customer meets it: no JavaScript on the page, readable at desktop width, at 375 px and in dark
 * mode, usable from the keyboard, and with no axe-core violations. Screenshots land in
 * .artifacts/status-page/.
 */
// What the page.evaluate() callbacks use of the browser: infra compiles against Node's types only.
declare const document: {
  activeElement: { textContent: string | null; tagName: string } | null;
  documentElement: { scrollWidth: number };
  scripts: { length: number };
};
declare const window: { innerWidth: number; location: { hash: string } };
interface AxeResults {
  violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }>;
  passes: unknown[];
}
declare const axe: { run(context: unknown, options: unknown): Promise<AxeResults> };

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const PATH = `/pages/${DEMO_STATUS_PAGE.slug}`;
const HOSTILE = `<img src=x onerror=alert(1)> & "quotes" </p>`;

let service: RunningService;
let browser: Browser;
let token = "";
const errors: string[] = [];

const shot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath("status-page", `${name}.png`), fullPage: true });

async function apiCall(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${service.base}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

/** A page in a context of its own; `bypassCSP` only where axe-core is injected. */
async function openPage(options: {
  width: number;
  dark?: boolean;
  axe?: boolean;
}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 900 },
    colorScheme: options.dark ? "dark" : "light",
    baseURL: service.base,
    bypassCSP: options.axe === true,
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console: ${m.text()}`);
  });
  await page.goto(PATH);
  return { context, page };
}

async function axeViolations(page: Page): Promise<AxeResults["violations"]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"] },
    }),
  );
  expect(results.passes.length).toBeGreaterThan(10);
  return results.violations;
}

beforeAll(async () => {
  service = await startService({ worker: 8805, dns: 5315, doh: 8065 });
  const tokenFile = /API token in (\S+)/.exec(service.output())?.[1] ?? "";
  token = readFileSync(tokenFile, "utf8").trim();
  // Operator text that must reach the page as text, and an announced maintenance window.
  const { pages } = (await (await apiCall("GET", "/status-pages")).json()) as {
    pages: Array<{ id: string; slug: string; monitorIds: string[] }>;
  };
  const demo = pages.find((p) => p.slug === DEMO_STATUS_PAGE.slug);
  expect(demo).toBeDefined();
  expect((await apiCall("PATCH", `/status-pages/${demo?.id}`, { description: HOSTILE })).status).toBe(200);
  const window = await apiCall("POST", `/monitors/${demo?.monitorIds[0]}/maintenance`, {
    startsAt: new Date(Date.now() + 86_400_000).toISOString(),
    endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    reason: "Registrar firmware upgrade",
    announce: true,
  });
  expect(window.status).toBe(201);
  // Wait for the demo monitors' first reports from both regions.
  const started = Date.now();
  for (;;) {
    const json = (await (await fetch(`${service.base}${PATH}.json`)).json()) as {
      monitors: Array<{ lastCheckedAt: string | null; phones: unknown[] }>;
    };
    if (json.monitors.length > 0 && json.monitors.every((m) => m.lastCheckedAt && m.phones.length > 0)) break;
    if (Date.now() - started > 120_000) throw new Error(`no reports yet: ${JSON.stringify(json).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 2_000));
  }
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe("the demo status page in Chromium", () => {
  it("is in the start banner", () => {
    expect(service.output()).toContain(`Public status page: ${service.base}${PATH}`);
  });

  it("renders without JavaScript, with plain phone words and no internal detail", async () => {
    const { context, page } = await openPage({ width: 1280 });
    await page.getByRole("heading", { level: 1, name: DEMO_STATUS_PAGE.title }).waitFor();
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
    // The hostile description is shown as text, not markup.
    await expect(page.getByText(HOSTILE, { exact: true }).count()).resolves.toBe(1);
    await expect(page.locator("img").count()).resolves.toBe(0);
    await expect(page.getByText(/cannot register/).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText("Registrar firmware upgrade").count()).resolves.toBe(1);
    const monitors = await page.locator("article.monitor").count();
    expect(monitors).toBeGreaterThan(3);
    await expect(page.locator("svg[role=img] rect").count()).resolves.toBe(90 * monitors);
    const text = await page.locator("body").innerText();
    // (Monitor names are the operator's words: "… an agent can" is one of the demo's names.)
    expect(text).not.toMatch(/127\.0\.0\.\d|sip1\.|:50[0-9]{2}\b|agent:|agt_|region:/i);
    await shot(page, "desktop-light");
    await context.close();
    expect(errors).toEqual([]);
  });

  it("has no axe-core violations at desktop width, in dark mode and at 375 px", async () => {
    for (const view of [
      { name: "desktop-axe", width: 1280 },
      { name: "desktop-dark", width: 1280, dark: true },
      { name: "mobile-375", width: 375 },
      { name: "mobile-375-dark", width: 375, dark: true },
    ]) {
      const { context, page } = await openPage({ ...view, axe: true });
      // Nothing wider than the screen: no sideways scrolling at 375 px.
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot(page, view.name);
      expect(await axeViolations(page), view.name).toEqual([]);
      await context.close();
    }
  });

  it("works from the keyboard: skip link first, then the links and the daily figures", async () => {
    const { context, page } = await openPage({ width: 1280 });
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await shot(page, "keyboard-skip-link");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => window.location.hash)).toBe("#main");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    // Native <details>: Enter opens it with no script on the page.
    await page.keyboard.press("Enter");
    await expect(page.locator("details").first().getAttribute("open")).resolves.toBe("");
    let focused = "";
    for (let tabs = 0; tabs < 10 && !focused.startsWith("Daily availability"); tabs++) {
      await page.keyboard.press("Tab");
      focused = (await page.evaluate(() => document.activeElement?.textContent)) ?? "";
    }
    expect(focused).toMatch(/^Daily availability of /);
    await page.keyboard.press("Enter");
    await page.getByRole("table").first().waitFor();
    await shot(page, "keyboard-daily-figures");
    await context.close();
  });

  it("serves the JSON twin and the Atom feed, and the same 404 for a missing page", async () => {
    const json = await fetch(`${service.base}${PATH}.json`);
    expect(json.headers.get("content-type")).toBe("application/json");
    expect(((await json.json()) as { description: string }).description).toBe(HOSTILE);
    const atom = await fetch(`${service.base}${PATH}.atom`);
    expect(atom.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(await atom.text()).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    expect((await fetch(`${service.base}/pages/no-such-page`)).status).toBe(404);
  });
});
