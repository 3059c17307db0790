import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  assetHeadersFile,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicyValue,
} from "../../src/http/security/dashboard-policy";
import { receiverPath } from "../alerts/receiver";
import { api, clientAddress, ORIGIN, signUp } from "../api/accounts";
import { expectProblem, withNothingStored } from "./stored";

/** Requests a victim's browser can be made to send, and requests no browser should. */
const victim = await signUp("Victim");
const json = async <T>(response: Response) => (await response.json()) as T;
const { id: monitorId } = await json<{ id: string }>(
  await api("/monitors", { method: "POST", as: victim, body: { name: "pbx", target: "example.com" } }),
);
const { id: channelId } = await json<{ id: string }>(
  await api("/channels", {
    method: "POST",
    as: victim,
    body: { name: "ops", config: { type: "slack", webhookUrl: receiverPath("slack").url } },
  }),
);
const { id: secondOrg } = await json<{ id: string }>(
  await api("/organisations", { method: "POST", as: victim, body: { name: "Second" } }),
);

/** What a page on another site makes the victim's browser send: the cookie rides along. */
const crossSite = (path: string, headers: Record<string, string> = {}) =>
  SELF.fetch(`${ORIGIN}/api/v1${path}`, {
    method: "POST",
    headers: { cookie: victim.cookie, origin: "https://evil.example", "sec-fetch-site": "cross-site", ...headers },
  });

describe("cross-site writes with the dashboard's cookie are refused", () => {
  it.each([
    ["run now", `/monitors/${monitorId}/run`],
    ["send test", `/channels/${channelId}/test`],
    ["activate an organisation", `/organisations/${secondOrg}/activate`],
  ])("refuses %s from another origin, changing nothing", async (_, path) => {
    const before = await json<{ id: string }>(await api("/organisations/current", { as: victim }));
    await expectProblem(await withNothingStored(() => crossSite(path)), 403, "forbidden");
    const after = await json<{ id: string }>(await api("/organisations/current", { as: victim }));
    expect(after.id).toBe(before.id);
  });

  it("refuses a form-encoded cross-site POST that names no origin at all", async () => {
    const response = await withNothingStored(() =>
      SELF.fetch(`${ORIGIN}/api/v1/organisations/${secondOrg}/activate`, {
        method: "POST",
        headers: { cookie: victim.cookie, "content-type": "application/x-www-form-urlencoded" },
        body: "a=b",
      }),
    );
    await expectProblem(response, 403, "forbidden");
  });

  it("still lets the dashboard itself (same origin) switch organisations", async () => {
    const response = await api(`/organisations/${secondOrg}/activate`, { method: "POST", as: victim });
    expect(response.status).toBe(200);
    expect((await json<{ id: string }>(await api("/organisations/current", { as: victim }))).id).toBe(secondOrg);
  });
});

describe("bodies are bounded", () => {
  it("answers a 100 KB monitor with a 413 problem, storing nothing", async () => {
    const response = await withNothingStored(() =>
      api("/monitors", { method: "POST", as: victim, body: { name: "x".repeat(100_000), target: "example.com" } }),
    );
    await expectProblem(response, 413, "too_large");
  });

  it("answers a 100 KB sign-up with a 413 problem, creating no account", async () => {
    const response = await withNothingStored(() =>
      SELF.fetch(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", "cf-connecting-ip": clientAddress() },
        body: JSON.stringify({ name: "y".repeat(100_000), email: "big@example.test", password: "a long password" }),
      }),
    );
    await expectProblem(response, 413, "too_large");
  });
});

describe("an empty PATCH", () => {
  it.each([
    ["a channel", `/channels/${channelId}`],
    ["a monitor", `/monitors/${monitorId}`],
  ])("of %s is a 400 problem that changes nothing", async (_, path) => {
    const response = await withNothingStored(() => api(path, { method: "PATCH", as: victim, body: {} }));
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors).toEqual([{ field: "(body)", message: "names nothing to change" }]);
  });
});

describe("security headers", () => {
  const csp = contentSecurityPolicyValue();

  it("sends the CSP, nosniff and no-framing on API responses", async () => {
    const response = await api("/organisations/current", { as: victim });
    expect(response.headers.get("content-security-policy")).toBe(csp);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("writes the same CSP into web/dist/_headers for the dashboard's files (served checks: dashboard.interop.test.ts)", () => {
    const lines = assetHeadersFile().split("\n");
    expect(lines[0]).toBe("/*");
    expect(lines).toContain(`  Content-Security-Policy: ${csp}`);
    expect(lines).toContain("  X-Content-Type-Options: nosniff");
    expect(lines).toContain("  X-Frame-Options: DENY");
    expect(CONTENT_SECURITY_POLICY.scriptSrc).toEqual(["'self'"]);
  });
});
