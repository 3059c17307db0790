import { useAgentToken } from "@sipwatch/db";
import type { MiddlewareHandler } from "hono";
import { bearerAgentToken, hashAgentToken } from "../../auth/agent-token";
import type { AppEnv } from "../context";
import { ProblemError } from "../problem";
import { enforceRateLimit } from "./rate-limit";

/** The version the agent reports, bounded: it is stored and shown as is. */
const VERSION_SHAPE = /^[\w.+-]{1,40}$/;

/**
 * Sets `agent` from `Authorization: Bearer swa_…` for the agent protocol. Agent tokens open
 * only these routes, and API tokens and sessions do not open them: an agent on a customer's
 * network holds a credential that can report, not manage.
 */
export const authenticateAgent: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = bearerAgentToken(c.req.header("authorization"));
  const header = c.req.header("x-sipwatch-agent-version");
  const version = header && VERSION_SHAPE.test(header) ? header : null;
  const hash = token ? await hashAgentToken(token) : null;
  if (hash) {
    await enforceRateLimit(
      c.var.services.env.TOKEN_RATE_LIMIT,
      `agent:${hash}`,
      "Too many requests with this agent token",
    );
  }
  const agent = hash ? await useAgentToken(c.var.services.db, hash, { now: Date.now(), version }) : null;
  if (!agent || agent.organisationId === null) {
    throw new ProblemError("unauthenticated", "The agent token is malformed, unknown or revoked");
  }
  c.set("agent", { agentId: agent.id, organisationId: agent.organisationId });
  await next();
};
