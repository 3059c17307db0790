import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { asAgent, createAgent, createMonitor, report } from "../agent/agent-fixtures";
import { api, clientAddress, ORIGIN, signedUpWithToken, signUp } from "../api/accounts";
import { expectProblem, withNothingStored } from "./stored";

/** wrangler.toml: AUTH_RATE_LIMIT allows 10 a minute, TOKEN_RATE_LIMIT 600 a minute. */
const AUTH_LIMIT = 10;
const TOKEN_LIMIT = 600;

const post = (path: string, body: unknown, address: string) =>
  SELF.fetch(`${ORIGIN}/api/auth${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": address },
    body: JSON.stringify(body),
  });

/**
 * Workers Rate Limiting counts in windows aligned to the wall clock (miniflare's
 * ratelimit-object keys buckets by floor(now / period)). 600 requests take 15-40 s on a loaded
 * CI machine, so a loop that crosses a minute boundary starts a fresh window and the request
 * over the limit passes. Start the loop early in a window instead.
 */
async function atStartOfMinuteWindow(): Promise<void> {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 10_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 50));
}

async function expectRateLimited(response: Response): Promise<void> {
  await expectProblem(response, 429, "rate_limited");
  expect(response.headers.get("retry-after")).toBe("60");
}

describe("brute force against accounts is limited", () => {
  it("answers 429 with Retry-After once one address has guessed ten passwords, even the right one", async () => {
    const victim = await signUp("Victim One");
    const attacker = clientAddress();
    for (let i = 0; i < AUTH_LIMIT; i++) {
      expect(
        (await post("/sign-in/email", { email: victim.email, password: `guess-${i}-xxxx` }, attacker)).status,
      ).toBe(401);
    }
    // The 11th try, with the right password: refused before better-auth runs, so no session.
    const right = await withNothingStored(() =>
      post("/sign-in/email", { email: victim.email, password: victim.password }, attacker),
    );
    await expectRateLimited(right);
    expect(right.headers.getSetCookie()).toEqual([]);
  });

  it("limits guesses at one account spread over many addresses", async () => {
    const victim = await signUp("Victim Two");
    for (let i = 0; i < AUTH_LIMIT; i++) {
      const response = await post(
        "/sign-in/email",
        { email: victim.email, password: `guess-${i}-xxxx` },
        clientAddress(),
      );
      expect(response.status).toBe(401);
    }
    const next = await withNothingStored(() =>
      post("/sign-in/email", { email: victim.email.toUpperCase(), password: victim.password }, clientAddress()),
    );
    await expectRateLimited(next);
  });

  it("limits sign-ups from one address, creating no account past the limit", async () => {
    const address = clientAddress();
    const signUpFrom = (i: number) =>
      post(
        "/sign-up/email",
        { name: `Bot ${i}`, email: `bot.${i}.${address}@example.test`, password: "a long password" },
        address,
      );
    for (let i = 0; i < AUTH_LIMIT; i++) expect((await signUpFrom(i)).status).toBe(200);
    await expectRateLimited(await withNothingStored(() => signUpFrom(AUTH_LIMIT)));
  });

  it("limits mail to one address spread over many clients: sign-ups with it, verification resends", async () => {
    const victim = await signUp("Victim Inbox");
    // The victim's own sign-up was the first of the minute for the address.
    for (let i = 1; i < AUTH_LIMIT; i++) {
      const response = await post(
        "/sign-up/email",
        { name: "Flood", email: victim.email, password: "a long password" },
        clientAddress(),
      );
      expect(response.status).toBe(200);
    }
    await expectRateLimited(
      await post("/send-verification-email", { email: victim.email, callbackURL: "/email-verified" }, clientAddress()),
    );
  });

  it("limits password reset requests from one address", async () => {
    const address = clientAddress();
    const victim = await signUp("Victim Three");
    for (let i = 0; i < AUTH_LIMIT; i++) {
      const response = await post("/request-password-reset", { email: victim.email }, address);
      expect(response.status).not.toBe(429);
    }
    await expectRateLimited(
      await withNothingStored(() => post("/request-password-reset", { email: victim.email }, address)),
    );
  });

  it("limits the use of one API token, answering 429 before the token is looked up", async () => {
    const owner = await signedUpWithToken("Busy Robot");
    const as = { token: owner.token };
    await atStartOfMinuteWindow();
    for (let i = 0; i < TOKEN_LIMIT; i++) {
      const response = await api("/organisations/current", { as });
      if (response.status !== 200) throw new Error(`request ${i} answered ${response.status}`);
    }
    const over = await withNothingStored(() =>
      api("/monitors", { method: "POST", as, body: { name: "x", target: "example.com" } }),
    );
    await expectRateLimited(over);
  }, 120_000);

  it("limits the use of one agent token, storing no report past the limit", async () => {
    const owner = await signedUpWithToken("Chatty Agent Owner");
    const agent = await createAgent(owner);
    const monitorId = await createMonitor(owner);
    await atStartOfMinuteWindow();
    for (let i = 0; i < TOKEN_LIMIT; i++) {
      const response = await asAgent(agent.token, "/agent/jobs");
      if (response.status !== 200) throw new Error(`request ${i} answered ${response.status}`);
    }
    const sent = await report(monitorId);
    await expectRateLimited(await withNothingStored(() => asAgent(agent.token, "/agent/reports", { reports: [sent] })));
  }, 120_000);
});
