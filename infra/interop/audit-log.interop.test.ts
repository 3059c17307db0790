import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { DEMO_USER } from "../dev/seed-demo";
import { dashboardPage, signInAsDemo } from "./dashboard-page";
import { type RunningService, startService } from "./start-service";

/**
 * The audit log as an operator reads it: Debian's Chromium against `npm start`, signed in as the
 * demo operator, rename a monitor in the dashboard, open the audit log and find the change,
 * naming the operator and the field changed. Screenshots land in .artifacts/audit-log/.
 */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: artifactPath("audit-log", `${name}.png`), fullPage: true });

let service: RunningService;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const NEW_NAME = `Renamed for the audit log ${Date.now() % 100_000}`;

beforeAll(async () => {
  service = await startService({ worker: 9400, dns: 9453, doh: 9480 });
  browser = await launchChromium();
  page = await dashboardPage(browser, service.base, errors);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

describe("the audit log in the dashboard", () => {
  it("shows the demo operator's edit of a monitor", async () => {
    await signInAsDemo(page);
    await page.getByRole("link", { name: "the TLS certificate has expired" }).click();
    await page.getByRole("link", { name: "Edit" }).click();
    await page.getByLabel("Name").fill(NEW_NAME);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: NEW_NAME }).waitFor();

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Audit log" }).click();
    await page.getByRole("heading", { name: "Audit log" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: "monitor.update" }).first();
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain(`${DEMO_USER.name} <${DEMO_USER.email}>`);
    expect(text).toContain("fields: ");
    expect(text).toContain("name");
    await shot(page, "01-audit-log");

    const csv = await page.evaluate(async () => (await fetch("/api/v1/audit/export?action=monitor.update")).text());
    expect(csv).toContain(`monitor.update`);
    expect(csv).toContain(DEMO_USER.email);
    expect(errors).toEqual([]);
  });
});
