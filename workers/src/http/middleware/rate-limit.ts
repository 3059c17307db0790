import type { Context } from "hono";
import type { AppEnv } from "../context";
import { ProblemError } from "../problem";

/**
 * The period of every [[ratelimits]] binding in wrangler.toml. The binding says only yes or no,
 * not when a key's window ends, so Retry-After is the whole period: never too early.
 */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/**
 * Counts one use of `key` against a Workers Rate Limiting binding and answers 429 (a problem
 * with Retry-After) once the key is over its limit. Counts are per Cloudflare location and
 * approximate, which is what a brute-force brake needs.
 */
export async function enforceRateLimit(limiter: RateLimit, key: string, detail: string): Promise<void> {
  const { success } = await limiter.limit({ key });
  if (success) return;
  const problem = new ProblemError("rate_limited", detail);
  problem.retryAfterSeconds = RATE_LIMIT_PERIOD_SECONDS;
  throw problem;
}

/**
 * The client's address as Cloudflare reports it (never X-Forwarded-For, which a client writes);
 * an IPv6 client counts as its /64, since one host usually holds a whole /64.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const address = c.req.header("cf-connecting-ip") ?? "unknown";
  if (!address.includes(":")) return address;
  const [head = "", tail = ""] = address.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = address.includes("::")
    ? [...left, ...Array(8 - left.length - right.length).fill("0"), ...right]
    : left;
  return `${groups.slice(0, 4).join(":")}::/64`;
}
