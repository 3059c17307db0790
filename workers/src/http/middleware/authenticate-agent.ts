import { AGENT_RECONNECT_AFTER_MS } from "@sipwatch/core";
import { type SeenAgent, useAgentToken } from "@sipwatch/db";
import type { MiddlewareHandler } from "hono";
import { actorOfAgent, auditStatement } from "../../audit/record";
import { bearerAgentToken, hashAgentToken } from "../../auth/agent-token";
import type { Db } from "../../services";
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
  // Only a request that went through: a refused one leaves no entry (as for every write).
  if (c.res.status >= 200 && c.res.status < 300) await logConnects(c.var.services.db, agent, agent.organisationId);
};

/**
 * The audit log gets an agent's first connect, its return after a silence of
 * AGENT_RECONNECT_AFTER_MS, and each version change, once a request of it succeeded; not every
 * poll and report.
 */
async function logConnects(db: Db, agent: SeenAgent, organisationId: string): Promise<void> {
  const { before } = agent;
  const now = agent.lastSeenAt ?? Date.now();
  const entries = [];
  if (before.lastSeenAt === null) {
    entries.push({
      action: "agent.connect",
      summary: `first connect${agent.version ? `, version ${agent.version}` : ""}`,
    });
  } else if (now - before.lastSeenAt >= AGENT_RECONNECT_AFTER_MS) {
    entries.push({
      action: "agent.connect",
      summary: `back after ${Math.round((now - before.lastSeenAt) / 60_000)} minutes`,
    });
  }
  if (before.version !== null && agent.version !== before.version) {
    entries.push({ action: "agent.version", summary: `version ${before.version} -> ${agent.version}` });
  }
  if (entries.length === 0) return;
  try {
    const actor = await actorOfAgent(db, agent.id);
    for (const entry of entries)
      await auditStatement(db, organisationId, actor, { ...entry, objectType: "agent", objectId: agent.id }, now);
  } catch (error) {
    console.error(JSON.stringify({ event: "audit-agent-failed", agentId: agent.id, error: String(error) }));
  }
}
