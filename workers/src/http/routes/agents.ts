import { createRoute, z } from "@hono/zod-openapi";
import { NAME_MAX } from "@sipwatch/core";
import { type AgentRow, insertAgent, listAgents, revokeAgent } from "@sipwatch/db";
import { mintAgentToken } from "../../auth/agent-token";
import { newId } from "../../ids";
import { ProblemError, problemResponses } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import { displayName } from "../text-fields";

const AgentSchema = z
  .object({
    id: z.string().openapi({ example: "agt_Xb0n4w2dQ1m6c9VZ7yLk3A" }),
    name: z.string(),
    createdAt: z.iso.datetime(),
    lastSeenAt: z.iso.datetime().nullable().openapi({ description: "Updated at most once a minute" }),
    version: z.string().nullable().openapi({ description: "The version the agent last reported" }),
    revoked: z.boolean(),
  })
  .openapi("Agent");

const CreatedAgentSchema = AgentSchema.extend({
  token: z.string().openapi({ description: "The agent's secret: shown only in this response", example: "swa_…" }),
}).openapi("CreatedAgent");

const CreateAgentSchema = z.object({ name: displayName(NAME_MAX.agent) });

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toAgent = (a: AgentRow) => ({
  id: a.id,
  name: a.name,
  createdAt: new Date(a.createdAt).toISOString(),
  lastSeenAt: iso(a.lastSeenAt),
  version: a.version,
  revoked: a.revokedAt !== null,
});

export const agentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/agents",
      tags: ["agents"],
      summary: "The organisation's agents, revoked ones included (never the secrets)",
      responses: {
        200: jsonResponse(z.object({ agents: z.array(AgentSchema) }), "Agents"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const { caller } = c.var;
      const agents = await listAgents(c.var.services.db, caller.organisationId);
      return c.json({ agents: agents.map(toAgent) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/agents",
      tags: ["agents"],
      summary: "Register an agent (a private vantage point); its token is returned once",
      request: { body: jsonBody(CreateAgentSchema) },
      responses: { 201: jsonResponse(CreatedAgentSchema, "Created"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const { caller } = c.var;
      const { name } = c.req.valid("json");
      const minted = await mintAgentToken();
      const row = await insertAgent(c.var.services.db, {
        id: newId("agt"),
        organisationId: caller.organisationId,
        name,
        tokenHash: minted.tokenHash,
        createdAt: Date.now(),
      });
      return c.json({ ...toAgent(row), token: minted.token }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/agents/{id}",
      tags: ["agents"],
      summary: "Revoke an agent; its token gets 401 from now on, its history stays",
      request: { params: IdParams },
      responses: { 204: { description: "Revoked" }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const { caller } = c.var;
      const { id } = c.req.valid("param");
      const revoked = await revokeAgent(c.var.services.db, caller.organisationId, id, Date.now());
      if (!revoked) throw new ProblemError("not_found", `No agent ${id}`);
      return c.body(null, 204);
    },
  );
