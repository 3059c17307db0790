import { APIError } from "better-auth/api";
import { ProblemError } from "../http/problem";

/**
 * A server-side call into better-auth (`auth.api.*`) whose refusals become problems. The
 * services check sipwatch's rules first with clearer words; this covers what only the plugin
 * knows (an address that is already a member, a race with another request).
 */
export async function viaAuth<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    const detail = error.body?.message ?? error.message;
    if (error.statusCode === 401 || error.statusCode === 403) throw new ProblemError("forbidden", detail);
    if (error.statusCode === 404) throw new ProblemError("not_found", detail);
    if (error.statusCode === 400) throw new ProblemError("conflict", detail);
    throw error;
  }
}
