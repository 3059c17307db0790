import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { artifactPath, launchChromium } from "../browser/chromium";
import { linkFromMail, RESET_SUBJECT, signUpAndVerifyInPage } from "./account-mail";
import { type RunningService, startService } from "./start-service";

// What page.evaluate uses of the browser: infra compiles against Node's types only.
declare const document: { documentElement: { scrollWidth: number } };
declare const window: { innerWidth: number };

let service: RunningService;
let browser: Browser;
const errors: string[] = [];

beforeAll(async () => {
  // auth19's port range (9100-9199); the lab also takes dns + 1 and doh + 1.
  service = await startService({ worker: 9100, dns: 9110, doh: 9120 });
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function newPage(width: number) {
  const context = await browser.newContext({ viewport: { width, height: 800 }, baseURL: service.base });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  return page;
}

describe("account mail in Chromium from npm start", () => {
  it("signs up, verifies by the link in the mail and lands signed in", async () => {
    const page = await newPage(1280);
    await signUpAndVerifyInPage(page, service.base, service.stateDir, { name: "Vera Verified" });
    await page.getByRole("heading", { name: "Watch your first SIP domain" }).waitFor();
    expect(await page.evaluate(() => fetch("/api/v1/organisations/current").then((r) => r.json()))).toMatchObject({
      name: "Vera Verified",
      role: "owner",
    });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it("resets a forgotten password through the mailed link at 375 px, then signs in with the new one only", async () => {
    const setup = await newPage(1280);
    const { email, password } = await signUpAndVerifyInPage(setup, service.base, service.stateDir, {
      name: "Fergus Forgetful",
    });
    await setup.context().close();

    const page = await newPage(375);
    await page.goto("/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Email").press("Enter");
    await page.getByText(`If ${email} has a sipwatch account`).waitFor();
    const noSideways = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
    expect(await noSideways()).toBe(true);
    await page.screenshot({ path: artifactPath("account-mail", "01-reset-requested-375.png") });

    await page.goto(await linkFromMail(service.stateDir, email, RESET_SUBJECT, "/reset-password?token="));
    const newPassword = "a different long password";
    await page.getByLabel("New password").fill(newPassword);
    await page.getByLabel("The same again").fill(newPassword);
    await page.getByRole("button", { name: "Set the new password" }).click();
    await page.getByRole("heading", { name: "Password changed" }).waitFor();
    expect(await noSideways()).toBe(true);
    await page.getByRole("link", { name: "Sign in" }).click();

    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByLabel("Password").press("Enter");
    await page.getByRole("alert").waitFor();
    await page.getByLabel("Password").fill(newPassword);
    await page.getByLabel("Password").press("Enter");
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    expect(errors).toEqual([]);
  });
});
