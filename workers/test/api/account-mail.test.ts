import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  api,
  clientAddress,
  freshAddress,
  ORIGIN,
  requestSignUp,
  sessionCookie,
  signIn,
  signUp,
  verifyFromMail,
} from "./accounts";
import { latestMail, linkIn, mailTo } from "./mailbox";

const PASSWORD = "correct horse battery staple";

const postAuth = (path: string, body: unknown) =>
  SELF.fetch(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": clientAddress() },
    body: JSON.stringify(body),
  });

const requestReset = (email: string) => postAuth("/request-password-reset", { email, redirectTo: "/reset-password" });
const resetPassword = (token: string, newPassword: string) => postAuth("/reset-password", { token, newPassword });

/** The answer's shape with the parts that differ per person (ids, names, times) left out. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, shapeOf(v)]));
  return value === null ? null : typeof value;
}

async function resetTokenFrom(email: string, count = 1): Promise<string> {
  const mail = await latestMail(email, "Reset your password", count);
  const link = new URL(linkIn(mail, `${ORIGIN}/reset-password?token=`));
  return link.searchParams.get("token") ?? "";
}

describe("verified sign-up", () => {
  it("mails a link that verifies the address, signs the person in and lands on the dashboard's page", async () => {
    const email = freshAddress("new");
    const signedUp = await requestSignUp({ name: "Grace Hopper", email, password: PASSWORD });
    expect(signedUp.status).toBe(200);
    // No session before the address is proven.
    expect(signedUp.headers.getSetCookie().filter((c) => c.includes("session_token"))).toEqual([]);
    expect(await signedUp.json()).toMatchObject({ token: null, user: { email, emailVerified: false } });

    const mail = await latestMail(email, "Confirm your email address");
    expect(mail.from).toBe("alerts@sipwatch.test");
    expect(mail.html).toContain("Confirm my address");
    const opened = await verifyFromMail(email);
    expect(opened.status).toBe(302);
    expect(opened.headers.get("location")).toBe(`${ORIGIN}/email-verified`);
    const current = await api("/organisations/current", { as: { cookie: sessionCookie(opened) } });
    expect(current.status).toBe(200);
    expect(await current.json()).toMatchObject({ name: "Grace Hopper", role: "owner" });

    // The link again: still lands on the page, but signs nobody in a second time.
    const again = await verifyFromMail(email);
    expect(again.status).toBe(302);
    expect(again.headers.getSetCookie().filter((c) => c.includes("session_token"))).toEqual([]);
  });

  it("brings a person who signed up from an invitation link back to it, and never off the site", async () => {
    const cases = [
      { next: "/invitations/inv_abc123", landing: `${ORIGIN}/email-verified?next=%2Finvitations%2Finv_abc123` },
      { next: "//evil.example/x", landing: `${ORIGIN}/email-verified` },
      { next: "/\\evil.example", landing: `${ORIGIN}/email-verified` },
    ];
    for (const { next, landing } of cases) {
      const email = freshAddress("invited");
      const callbackURL = `/email-verified?${new URLSearchParams({ next })}`;
      const signedUp = await requestSignUp({ name: "Ivy Invited", email, password: PASSWORD, callbackURL });
      expect(signedUp.status).toBe(200);
      const opened = await verifyFromMail(email);
      expect(opened.status).toBe(302);
      expect(opened.headers.get("location"), next).toBe(landing);
    }
  });

  it("refuses sign-in before verification with 403 EMAIL_NOT_VERIFIED; a wrong password still answers 401", async () => {
    const email = freshAddress("unverified");
    expect((await requestSignUp({ name: "Not Yet", email, password: PASSWORD })).status).toBe(200);
    const refused = await signIn(email, PASSWORD);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ code: "EMAIL_NOT_VERIFIED" });
    expect(refused.headers.getSetCookie().filter((c) => c.includes("session_token"))).toEqual([]);
    expect((await signIn(email, "not the password")).status).toBe(401);

    // "Resend" from the check-your-inbox page: a second mail whose link works.
    const resend = await postAuth("/send-verification-email", { email, callbackURL: "/email-verified" });
    expect(resend.status).toBe(200);
    await latestMail(email, "Confirm your email address", 2);
    expect((await verifyFromMail(email)).status).toBe(302);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
  });

  it("answers a sign-up with a registered address exactly as a new one, and tells the owner by mail", async () => {
    const owner = await signUp("Existing Owner");
    const duplicate = await requestSignUp({ name: "Intruder", email: owner.email, password: "another password 123" });
    const fresh = await requestSignUp({
      name: "Intruder",
      email: freshAddress("other"),
      password: "another password 123",
    });
    expect(duplicate.status).toBe(fresh.status);
    expect(duplicate.headers.getSetCookie()).toEqual(fresh.headers.getSetCookie());
    const [duplicateBody, freshBody] = (await Promise.all([duplicate.json(), fresh.json()])) as Array<{
      user: { email: string };
    }>;
    expect(shapeOf(duplicateBody)).toEqual(shapeOf(freshBody));
    expect(duplicateBody).toMatchObject({
      token: null,
      user: { email: owner.email, name: "Intruder", emailVerified: false },
    });

    const warning = await latestMail(owner.email, "Someone tried to sign up with your address");
    expect(linkIn(warning, `${ORIGIN}/forgot-password`)).toBe(`${ORIGIN}/forgot-password`);
    // The intruder's password does not open the account; the owner's still does.
    expect((await signIn(owner.email, "another password 123")).status).toBe(401);
    expect((await signIn(owner.email, owner.password)).status).toBe(200);
    const organisations = await api("/organisations", { as: owner });
    expect(((await organisations.json()) as { organisations: unknown[] }).organisations).toHaveLength(1);
  });
});

describe("password reset", () => {
  it("resets through the mailed link: old password refused, sessions revoked, the link works once", async () => {
    const user = await signUp("Forgetful");
    const other = sessionCookie(await signIn(user.email, user.password));
    const requested = await requestReset(user.email);
    expect(requested.status).toBe(200);
    const token = await resetTokenFrom(user.email);

    const newPassword = "a brand new passphrase";
    expect((await resetPassword(token, newPassword)).status).toBe(200);
    expect((await signIn(user.email, user.password)).status).toBe(401);
    expect((await signIn(user.email, newPassword)).status).toBe(200);
    for (const cookie of [user.cookie, other])
      expect((await api("/organisations", { as: { cookie } })).status).toBe(401);

    const reused = await resetPassword(token, "yet another passphrase");
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ code: "INVALID_TOKEN" });
    expect((await signIn(user.email, newPassword)).status).toBe(200);
  });

  it("refuses an expired reset link", async () => {
    const user = await signUp("Slow Reader");
    expect((await requestReset(user.email)).status).toBe(200);
    const token = await resetTokenFrom(user.email);
    // An hour later, as far as the stored token knows.
    await env.DB.prepare("UPDATE verification SET expires_at = ? WHERE value = ?")
      .bind(Date.now() - 1000, user.userId)
      .run();
    const refused = await resetPassword(token, "too late passphrase");
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ code: "INVALID_TOKEN" });
    expect((await signIn(user.email, user.password)).status).toBe(200);
  });

  it("answers a reset request for an unknown address exactly as for a known one, and mails nobody", async () => {
    const user = await signUp("Known");
    const unknown = freshAddress("nobody");
    const known = await requestReset(user.email);
    const stranger = await requestReset(unknown);
    expect(stranger.status).toBe(known.status);
    expect(await stranger.json()).toEqual(await known.json());
    await latestMail(user.email, "Reset your password");
    expect(await mailTo(unknown, 1)).toEqual([]);
  });
});
