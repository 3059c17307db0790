import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkFromMail, VERIFY_SUBJECT } from "./account-mail";
import { type RunningService, startService } from "./start-service";

/**
 * The attacks of workers/test/security, replayed against `npm start` (wrangler dev, miniflare's
 * rate limiting bindings, the asset server with web/dist/_headers): each refused with a problem
 * document, and the organisation's lists unchanged afterwards.
 */
let service: RunningService;
let cookie = "";
const email = `sec.${Date.now()}@example.test`;

const call = (path: string, init: RequestInit & { headers?: Record<string, string> } = {}) =>
  fetch(`${service.base}${path}`, { ...init, headers: { ...init.headers } });
const session = (path: string, method = "GET", body?: unknown, headers: Record<string, string> = {}) =>
  call(path, {
    method,
    headers: {
      cookie,
      origin: service.base,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function expectProblem(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  expect(await response.json()).toMatchObject({ status, code });
}

async function lists(): Promise<string> {
  const [channels, monitors] = await Promise.all([session("/api/v1/channels"), session("/api/v1/monitors")]);
  return JSON.stringify([await channels.json(), await monitors.json()]);
}

beforeAll(async () => {
  service = await startService({ worker: 18_987, dns: 15_599, doh: 18_353 });
  const response = await call("/api/auth/sign-up/email", {
    method: "POST",
    headers: { "content-type": "application/json", origin: service.base },
    body: JSON.stringify({ name: "Security Check", email, password: "a long enough password" }),
  });
  if (response.status !== 200) throw new Error(`sign-up: ${response.status} ${await response.text()}`);
  // Sign-up signs nobody in: the link in the verification mail does.
  const verified = await fetch(await linkFromMail(service.stateDir, email, VERIFY_SUBJECT, "/api/auth/verify-email"), {
    redirect: "manual",
  });
  if (verified.status !== 302) throw new Error(`verification: ${verified.status} ${await verified.text()}`);
  cookie = verified.headers
    .getSetCookie()
    .map((line) => line.split(";")[0] ?? "")
    .filter((pair) => pair.includes("session_token="))
    .join("; ");
}, 240_000);

afterAll(async () => {
  await service?.stop();
});

describe("npm start refuses the attacks of the security suite", () => {
  it("refuses a webhook to the metadata address, storing nothing", async () => {
    const before = await lists();
    const response = await session("/api/v1/channels", "POST", {
      name: "hook",
      config: { type: "webhook", url: "https://169.254.169.254/latest/meta-data/" },
    });
    await expectProblem(response, 400, "validation_failed");
    expect(await lists()).toBe(before);
  });

  it("refuses a cross-site write riding the session cookie", async () => {
    const organisations = (await (await session("/api/v1/organisations")).json()) as {
      organisations: { id: string }[];
    };
    const response = await call(`/api/v1/organisations/${organisations.organisations[0]?.id}/activate`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example" },
    });
    await expectProblem(response, 403, "forbidden");
  });

  it("refuses a 100 KB body with 413, storing nothing", async () => {
    const before = await lists();
    const response = await session("/api/v1/monitors", "POST", { name: "x".repeat(100_000), target: "example.com" });
    await expectProblem(response, 413, "too_large");
    expect(await lists()).toBe(before);
  });

  it("sends the CSP with the dashboard and the API", async () => {
    const [dashboard, api] = await Promise.all([call("/"), session("/api/v1/organisations/current")]);
    const csp = api.headers.get("content-security-policy");
    expect(csp).toMatch(/^default-src 'self'; script-src 'self'/);
    expect(dashboard.headers.get("content-security-policy")).toBe(csp);
    expect(dashboard.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("answers password guessing with 429 and Retry-After, even for the right password", async () => {
    const signIn = (password: string) =>
      call("/api/auth/sign-in/email", {
        method: "POST",
        headers: { "content-type": "application/json", origin: service.base },
        body: JSON.stringify({ email, password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await signIn(`wrong-${i}-password`)).status);
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const right = await signIn("a long enough password");
    await expectProblem(right, 429, "rate_limited");
    expect(right.headers.get("retry-after")).toBe("60");
  });
});
