import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../context";
import { ProblemError } from "../problem";
import { AGENT_REPORTS_MAX_BYTES } from "../routes/agent-report-schemas";

/** The largest body the API and better-auth take; agents' report batches have their own, larger one. */
export const API_BODY_MAX_BYTES = 64 * 1024;
const AGENT_REPORTS_PATH = "/api/v1/agent/reports";

const tooLarge = (max: number) => () => {
  throw new ProblemError("too_large", `The body may take at most ${max} bytes`);
};
const apiBody = bodyLimit({ maxSize: API_BODY_MAX_BYTES, onError: tooLarge(API_BODY_MAX_BYTES) });
const agentReportsBody = bodyLimit({ maxSize: AGENT_REPORTS_MAX_BYTES, onError: tooLarge(AGENT_REPORTS_MAX_BYTES) });

/** Hono's bodyLimit on every /api request (413 as a problem), counted as the body streams in. */
export const limitBodies: MiddlewareHandler<AppEnv> = (c, next) =>
  (c.req.path === AGENT_REPORTS_PATH ? agentReportsBody : apiBody)(c, next);

/**
 * Hono's csrf on cookie-authenticated writes: a POST that a form or a bodiless fetch() from
 * another site could send (run now, send test, activate an organisation) must come from the
 * dashboard's own origin (Origin, or Sec-Fetch-Site: same-origin). Bearer tokens are not
 * ambient credentials, so requests that carry Authorization are left to authentication.
 */
export const refuseCrossSiteWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header("authorization") !== undefined) return next();
  const publicOrigin = new URL(c.var.services.config.publicUrl).origin;
  const sameOrigin = csrf({ origin: (origin) => origin === publicOrigin || origin === new URL(c.req.url).origin });
  try {
    return await sameOrigin(c, next);
  } catch (error) {
    // Handlers' own errors were already rendered by onError; this is csrf refusing.
    if (error instanceof HTTPException && error.status === 403) {
      throw new ProblemError("forbidden", "Cross-site request refused: it did not come from the sipwatch dashboard");
    }
    throw error;
  }
};
