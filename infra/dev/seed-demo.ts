import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { DemoCase } from "../lab/demo-lab";
import { linksIn, waitForMail } from "../lab/sent-mail";

/**
 * The demo organisation, created through the public API exactly as a customer would: sign up
 * (or sign in on later starts), mint an API token, and add one monitor per demo case.
 */
export const DEMO_USER = { email: "demo@sipwatch.test", password: "sipwatch-demo-password", name: "Demo operator" };

export interface SeededDemo {
  token: string;
  monitors: { id: string; target: string; created: boolean }[];
  /** The demo's public status page and the organisation's default page, as paths. */
  statusPages: { page: string; organisation: string };
}

/** The demo's public status page: every demo monitor, announced at this slug. */
export const DEMO_STATUS_PAGE = {
  slug: "demo-voice",
  title: "Demo Voice Co. status",
  description: "SIP service of the sipwatch lab: what phones can and cannot do, checked every minute from two regions.",
};

/** `stateDir`: where `npm start` keeps sent mail, read for the demo user's verification link. */
export async function seedDemo(
  workerUrl: string,
  cases: DemoCase[],
  tokenFile: string,
  stateDir: string,
): Promise<SeededDemo> {
  const api = apiClient(workerUrl);
  const token = (await reuseToken(api, tokenFile)) ?? (await mintToken(api, tokenFile, stateDir));
  const { monitors: existing } = await api.json<{ monitors: { id: string; target: string }[] }>(
    "GET",
    "/api/v1/monitors?limit=100",
    { token },
  );
  const monitors: SeededDemo["monitors"] = [];
  for (const demo of cases) {
    const found = existing.find((m) => m.target === demo.domain);
    if (found) {
      monitors.push({ ...found, created: false });
      continue;
    }
    const slug = demo.domain.split(".")[0] as string;
    const created = await api.json<{ id: string; target: string }>("POST", "/api/v1/monitors", {
      token,
      body: { name: demo.description, target: demo.domain, intervalMinutes: 1, isPublic: true, slug: `demo-${slug}` },
    });
    monitors.push({ id: created.id, target: created.target, created: true });
  }
  for (const demo of cases) {
    const monitor = monitors.find((m) => m.target === demo.domain);
    if (demo.register && monitor) await storeTestAccount(api, token, monitor.id, demo.register);
  }
  return { token, monitors, statusPages: await ensureStatusPage(api, token, monitors) };
}

/** Creates the demo status page on the first start; later starts keep the operator's edits. */
async function ensureStatusPage(
  api: ApiClient,
  token: string,
  monitors: SeededDemo["monitors"],
): Promise<SeededDemo["statusPages"]> {
  const list = await api.json<{ pages: { slug: string; path: string }[]; defaultPagePath: string }>(
    "GET",
    "/api/v1/status-pages",
    { token },
  );
  const found = list.pages.find((p) => p.slug === DEMO_STATUS_PAGE.slug);
  const page =
    found ??
    (await api.json<{ path: string }>("POST", "/api/v1/status-pages", {
      token,
      body: { ...DEMO_STATUS_PAGE, monitorIds: monitors.map((m) => m.id) },
    }));
  return { page: page.path, organisation: list.defaultPagePath };
}

/**
 * The registrar case's test account, set through the same write-only API a customer uses, so
 * the demo's password is stored encrypted like any other; kept when one is already set.
 */
async function storeTestAccount(
  api: ApiClient,
  token: string,
  monitorId: string,
  account: { user: string; password: string },
): Promise<void> {
  const path = `/api/v1/monitors/${monitorId}/credentials`;
  if ((await api.raw("GET", path, { token })).ok) return;
  await api.json("PUT", path, { token, body: { user: account.user, password: account.password } });
}

async function reuseToken(api: ApiClient, tokenFile: string): Promise<string | null> {
  if (!existsSync(tokenFile)) return null;
  const token = readFileSync(tokenFile, "utf8").trim();
  const response = await api.raw("GET", "/api/v1/organisations/current", { token });
  return response.ok ? token : null;
}

async function mintToken(api: ApiClient, tokenFile: string, stateDir: string): Promise<string> {
  const cookie = sessionCookie(await demoSession(api, stateDir));
  const { token } = await api.json<{ token: string }>("POST", "/api/v1/tokens", {
    cookie,
    body: { name: "npm start demo" },
  });
  writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  return token;
}

/**
 * A session for the demo user, as a person gets one: sign in; on a fresh state dir, sign up
 * first and open the link in the verification mail (sign-in answers 403 until then), which
 * signs in. Signing in first means a later start mails nobody "someone tried to sign up".
 */
async function demoSession(api: ApiClient, stateDir: string): Promise<Response> {
  const credentials = { email: DEMO_USER.email, password: DEMO_USER.password };
  let session = await api.raw("POST", "/api/auth/sign-in/email", { body: credentials });
  if (session.status === 401) {
    const signUp = await api.raw("POST", "/api/auth/sign-up/email", { body: DEMO_USER });
    if (!signUp.ok) throw new Error(`demo sign-up failed: ${signUp.status} ${await signUp.text()}`);
    session = await api.raw("POST", "/api/auth/sign-in/email", { body: credentials });
  }
  if (session.status === 403) {
    const mail = await waitForMail(stateDir, DEMO_USER.email, "Confirm your email address");
    const link = linksIn(mail).find((l) => l.includes("/api/auth/verify-email"));
    if (!link) throw new Error("the demo's verification mail has no link");
    session = await fetch(link, { redirect: "manual" });
    if (session.status !== 302) throw new Error(`demo verification failed: ${session.status} ${await session.text()}`);
  }
  if (!session.ok && session.status !== 302) {
    throw new Error(`demo sign-in failed: ${session.status} ${await session.text()}`);
  }
  return session;
}

function sessionCookie(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

type Auth = { token?: string; cookie?: string; body?: unknown };
type ApiClient = ReturnType<typeof apiClient>;

function apiClient(base: string) {
  const raw = (method: string, path: string, auth: Auth = {}) =>
    fetch(`${base}${path}`, {
      method,
      headers: {
        // better-auth refuses cookie-authenticated writes from origins it does not trust.
        origin: base,
        ...(auth.body === undefined ? {} : { "content-type": "application/json" }),
        ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}),
        ...(auth.cookie ? { cookie: auth.cookie } : {}),
      },
      ...(auth.body === undefined ? {} : { body: JSON.stringify(auth.body) }),
    });
  return {
    raw,
    async json<T>(method: string, path: string, auth: Auth = {}): Promise<T> {
      const response = await raw(method, path, auth);
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}
