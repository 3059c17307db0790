/**
 * Account mail for the browser tests: sign up in a page and verify through the link in the mail
 * the Worker sent, as a person does. `stateDir` is startService's (its sent mail lives there,
 * infra/lab/sent-mail.ts).
 */
import type { Page } from "playwright-core";
import { linksIn, sentMailTo, waitForMail } from "../lab/sent-mail";

export const ACCOUNT_PASSWORD = "a long enough password";

/** The verification mail's subject, and the reset mail's (workers/src/auth/account-mail.ts). */
export const VERIFY_SUBJECT = "Confirm your email address";
export const RESET_SUBJECT = "Reset your password";

/**
 * The first link containing `path` in the newest mail to `address` with `subject`; waits for
 * one newer than the mails already there when `fresh` (a second reset, a resent link).
 */
export async function linkFromMail(
  stateDir: string,
  address: string,
  subject: string,
  path: string,
  options: { fresh?: boolean; timeoutMs?: number } = {},
): Promise<string> {
  const after = options.fresh ? sentMailTo(stateDir, address).filter((m) => m.subject.includes(subject)).length : 0;
  const mail = await waitForMail(stateDir, address, subject, { after, timeoutMs: options.timeoutMs });
  const link = linksIn(mail).find((l) => l.includes(path));
  if (!link) throw new Error(`no ${path} link in "${mail.subject}" to ${address}`);
  return link;
}

/**
 * Signs a new person up in `page` (the dashboard's sign-up form), reads the verification mail,
 * opens its link in the same page and waits until the dashboard shows them signed in.
 * Returns the address and password.
 */
export async function signUpAndVerifyInPage(
  page: Page,
  base: string,
  stateDir: string,
  who: { name?: string; email?: string; password?: string } = {},
): Promise<{ email: string; password: string }> {
  const name = who.name ?? "Interop Person";
  const email = who.email ?? `${name.toLowerCase().replace(/\W+/g, ".")}.${Date.now()}@example.test`;
  const password = who.password ?? ACCOUNT_PASSWORD;
  await page.goto(`${base}/sign-up`);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByLabel("Password").press("Enter");
  await page.getByRole("heading", { name: "Check your inbox" }).waitFor();
  await page.goto(await linkFromMail(stateDir, email, VERIFY_SUBJECT, "/api/auth/verify-email"));
  await page.getByRole("heading", { name: "Your address is verified" }).waitFor();
  await page.getByRole("link", { name: "Go to your dashboard" }).click();
  await page.getByRole("navigation", { name: "Main" }).waitFor();
  return { email, password };
}
