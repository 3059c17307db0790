import { SELF } from "cloudflare:test";
import { latestMail, linkIn } from "./mailbox";

export const ORIGIN = "http://sipwatch.test";

export interface SignedUp {
  email: string;
  password: string;
  userId: string;
  /** `Cookie` header value carrying the better-auth session. */
  cookie: string;
}

let accounts = 0;

/**
 * A client address of its own for each simulated person (RFC 2544 benchmarking space), as
 * Cloudflare would report it: sign-in and sign-up are rate limited per address, and the suite
 * signs up far more people than one address may in a minute.
 */
export function clientAddress(): string {
  const [a = 0, b = 0, c = 0] = crypto.getRandomValues(new Uint8Array(3));
  return `198.${18 + (a % 2)}.${b}.${c}`;
}

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie header. */
export function sessionCookie(response: Response): string {
  const cookies = response.headers.getSetCookie().map((line) => line.split(";")[0] ?? "");
  const cookie = cookies.filter((pair) => pair.includes("session_token=")).join("; ");
  if (!cookie) throw new Error(`no session cookie in ${response.status} response`);
  return cookie;
}

/** A fresh address no other test uses: the mailbox is shared by every test of the run. */
export function freshAddress(name = "user"): string {
  return `${name.toLowerCase().replace(/\W+/g, ".")}.${crypto.randomUUID().slice(0, 8)}@example.test`;
}

/** POST /api/auth/sign-up/email as a browser would, from an address of its own. */
export function requestSignUp(body: {
  name: string;
  email: string;
  password: string;
  callbackURL?: string;
}): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": clientAddress() },
    body: JSON.stringify(body),
  });
}

/** Opens the link of the latest verification mail to `email`, as a click would: the answer carries the session. */
export async function verifyFromMail(email: string): Promise<Response> {
  const mail = await latestMail(email, "Confirm your email address");
  return SELF.fetch(linkIn(mail, `${ORIGIN}/api/auth/verify-email`), { redirect: "manual" });
}

/**
 * Signs a new user up through better-auth's endpoint and verifies the address through the link
 * in the mail, as a person does; they start in their personal organisation, signed in by the link.
 */
export async function signUp(name = `User ${++accounts}`): Promise<SignedUp> {
  const email = freshAddress(name);
  const password = "correct horse battery staple";
  const response = await requestSignUp({ name, email, password });
  if (response.status !== 200) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const body = (await response.json()) as { user: { id: string } };
  const verified = await verifyFromMail(email);
  if (verified.status !== 302) throw new Error(`verification failed: ${verified.status} ${await verified.text()}`);
  return { email, password, userId: body.user.id, cookie: sessionCookie(verified) };
}

/** Signs in and returns the new session's cookie, or the failed response. */
export async function signIn(email: string, password: string): Promise<Response> {
  return SELF.fetch(`${ORIGIN}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": clientAddress() },
    body: JSON.stringify({ email, password }),
  });
}

export type Credentials = { cookie: string } | { token: string };

/**
 * A request to /api/v1 as a session or a token; a JSON body sets the content type. A session
 * request comes from the dashboard, so it carries the dashboard's Origin, as a browser's would.
 */
export function api(
  path: string,
  init: { method?: string; body?: unknown; as?: Credentials; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.as && "cookie" in init.as) {
    headers.cookie = init.as.cookie;
    headers.origin ??= ORIGIN;
  }
  if (init.as && "token" in init.as) headers.authorization = `Bearer ${init.as.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return SELF.fetch(`${ORIGIN}/api/v1${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Creates an API token for the session's organisation and returns its secret. */
export async function createToken(as: { cookie: string }, name = "ci"): Promise<{ id: string; token: string }> {
  const response = await api("/tokens", { method: "POST", as, body: { name } });
  if (response.status !== 201) throw new Error(`token creation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { id: string; token: string };
}

/** A user with a session and an API token, for tests that need both. */
export async function signedUpWithToken(name?: string): Promise<SignedUp & { token: string }> {
  const user = await signUp(name);
  const { token } = await createToken(user);
  return { ...user, token };
}
