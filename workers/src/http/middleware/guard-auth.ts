import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { validationProblem } from "../problem";
import { ACCOUNT_NAME_MAX, hasUnprintable } from "../text-fields";
import { clientAddress, enforceRateLimit } from "./rate-limit";

/** better-auth's endpoints that take a secret or create an account: the ones worth guessing at. */
const GUARDED =
  /^\/api\/auth\/(sign-in|sign-up|forget-password|request-password-reset|reset-password|change-password|change-email|update-user|delete-user|send-verification-email)(\/|$)/;
/** The ones whose body names the account, so guesses spread over many addresses still add up. */
const NAMES_ACCOUNT = /^\/api\/auth\/(sign-in\/email|forget-password|request-password-reset)$/;
/**
 * The ones that mail the address in their body without proving anything (a sign-up with a
 * registered address mails its owner; a resend mails the link again): counted per address,
 * apart from sign-in guesses, so nobody can flood someone's inbox from many client addresses.
 */
const MAILS_ADDRESS = /^\/api\/auth\/(sign-up\/email|send-verification-email)$/;

/**
 * In front of better-auth (which leaves its own limiter off; see create-auth.ts): the Workers
 * Rate Limiting binding per client address on every guarded endpoint and per account on those
 * that name one, and the same name rules as the API for the account's name, which becomes the
 * first organisation's name.
 */
export const guardAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method !== "POST" || !GUARDED.test(c.req.path)) return next();
  const limiter = c.var.services.env.AUTH_RATE_LIMIT;
  await enforceRateLimit(limiter, `ip:${clientAddress(c)}`, "Too many sign-in attempts from this address");
  const body = await jsonBody(c.req.raw);
  if (NAMES_ACCOUNT.test(c.req.path) && typeof body.email === "string") {
    const account = body.email.trim().toLowerCase().slice(0, 320);
    await enforceRateLimit(limiter, `account:${account}`, "Too many sign-in attempts for this account");
  }
  if (MAILS_ADDRESS.test(c.req.path) && typeof body.email === "string") {
    const address = body.email.trim().toLowerCase().slice(0, 320);
    await enforceRateLimit(limiter, `mail:${address}`, "Too many messages asked for this address");
  }
  if (/\/(sign-up\/email|update-user)$/.test(c.req.path) && body.name !== undefined) checkAccountName(body.name);
  return next();
};

function checkAccountName(name: unknown): void {
  const message =
    typeof name !== "string" || name.trim().length === 0
      ? "is required"
      : name.length > ACCOUNT_NAME_MAX
        ? `must be at most ${ACCOUNT_NAME_MAX} characters`
        : hasUnprintable(name)
          ? "must not contain control characters or line breaks"
          : null;
  if (message) throw validationProblem([{ field: "name", message }]);
}

/** The JSON object a request carries, read from a clone so better-auth still gets the body. */
async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  try {
    const value: unknown = await request.clone().json();
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
