/**
 * The API reference page as a browser draws it: Debian's Chromium against `npm start` opens
 * GET /api/v1/docs and must see every operation of the OpenAPI document, with every script and
 * stylesheet coming from the Worker itself (this machine has no internet, and the page must
 * render on one without it) and no Content-Security-Policy violation.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { type RunningService, startService } from "./start-service";

// What page.evaluate uses of the browser: infra compiles against Node's types only.
declare const document: {
  body: { innerText: string };
  addEventListener(type: string, listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
};

interface OpenApiDocument {
  paths: Record<string, Record<string, { summary?: string }>>;
}

let service: RunningService;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const requested: string[] = [];

beforeAll(async () => {
  service = await startService({ worker: 18_871, dns: 15_471, doh: 18_271 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("request", (r) => requested.push(r.url()));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on("console", (m) => {
    // zod (inside Scalar) probes once whether `Function("")` is allowed and falls back when the
    // CSP says no: the page keeps eval blocked, so that one refusal is expected, not an error.
    if (m.type() === "error" && m.text() !== "CSP violation: script-src eval") errors.push(`console: ${m.text()}`);
  });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe("GET /api/v1/docs in Chromium", () => {
  it("renders every operation of the OpenAPI document from this deployment's files only", async () => {
    const doc = (await (await fetch(`${service.base}/api/v1/openapi.json`)).json()) as OpenApiDocument;
    const summaries = Object.values(doc.paths).flatMap((methods) =>
      Object.values(methods).map((operation) => operation.summary ?? ""),
    );
    expect(summaries.length).toBeGreaterThan(20);
    expect(summaries.filter((s) => s === "")).toEqual([]);

    const response = await page.goto(`${service.base}/api/v1/docs`);
    expect(response?.status()).toBe(200);
    // Scalar lists every operation by its summary in the sidebar once the document has loaded.
    await page
      .getByText(summaries[0] ?? "", { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    const text = await page.evaluate(() => document.body.innerText);
    const missing = summaries.filter((s) => !text.includes(s));
    await page.screenshot({ path: artifactPath("api-docs", "reference.png") });

    expect(missing).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(service.base) && !url.startsWith("data:"))).toEqual([]);
    expect(errors).toEqual([]);
  }, 60_000);
});
