/**
 * A dashboard page in Debian's Chromium for the browser suites: its own context at desktop size
 * on the service, uncaught page errors collected for the test to assert empty.
 */
import type { Browser, Page } from "playwright-core";
import { DEMO_USER } from "../dev/seed-demo";

export async function dashboardPage(browser: Browser, base: string, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: base });
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.setDefaultTimeout(20_000);
  return page;
}

/** Signs `npm start`'s demo operator in through the sign-in form. */
export async function signInAsDemo(page: Page): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(DEMO_USER.email);
  await page.getByLabel("Password").fill(DEMO_USER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}
