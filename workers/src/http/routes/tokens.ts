import { createRoute, z } from "@hono/zod-openapi";
import { NAME_MAX, ROLE_LABELS, ROLES, roleAtLeast } from "@sipwatch/core";
import { type ApiTokenRow, insertApiToken, listApiTokens, revokeApiToken } from "@sipwatch/db";
import type { Context } from "hono";
import { mintApiToken } from "../../auth/api-token";
import { newId } from "../../ids";
import { requireSessionCaller } from "../caller-guards";
import type { AppEnv } from "../context";
import { ProblemError, problemResponses } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import { displayName } from "../text-fields";

const DAY_MS = 24 * 60 * 60 * 1000;

const ApiTokenSchema = z
  .object({
    id: z.string().openapi({ example: "tok_Xb0n4w2dQ1m6c9VZ7yLk3A" }),
    name: z.string(),
    prefix: z.string().openapi({ example: "swt_AbCdEfGh", description: "The token's first characters" }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable().openapi({ description: "Updated at most once an hour" }),
    expiresAt: z.iso.datetime().nullable(),
    role: z.enum(ROLES).openapi({ description: "At use, capped at its creator's current role" }),
  })
  .openapi("ApiToken");

const CreatedApiTokenSchema = ApiTokenSchema.extend({
  token: z.string().openapi({ description: "The secret: shown only in this response", example: "swt_…" }),
}).openapi("CreatedApiToken");

const CreateApiTokenSchema = z.object({
  name: displayName(NAME_MAX.token),
  expiresInDays: z.number().int().min(1).max(3650).optional().openapi({ description: "Never expires when absent" }),
  role: z
    .enum(ROLES)
    .optional()
    .openapi({ description: "What the token may do; at most the creator's role, which it is when absent" }),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const toApiToken = (t: ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: new Date(t.createdAt).toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  expiresAt: iso(t.expiresAt),
  role: t.role,
});

/**
 * Tokens are managed from a session (their role, admin, is checked by middleware/require-role.ts):
 * a leaked token must not be able to mint more tokens or revoke the ones that would replace it.
 */
function requireTokenManager(c: Context<AppEnv>) {
  return requireSessionCaller(c, "manage API tokens");
}

export const tokenRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/tokens",
      tags: ["tokens"],
      summary: "The organisation's API tokens that are not revoked (never the secrets)",
      responses: {
        200: jsonResponse(z.object({ tokens: z.array(ApiTokenSchema) }), "Tokens"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const caller = requireTokenManager(c);
      const tokens = await listApiTokens(c.var.services.db, caller.organisationId);
      return c.json({ tokens: tokens.map(toApiToken) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/tokens",
      tags: ["tokens"],
      summary: "Create an API token for automation; the secret is returned once",
      request: { body: jsonBody(CreateApiTokenSchema) },
      responses: { 201: jsonResponse(CreatedApiTokenSchema, "Created"), ...problemResponses(400, 401, 403) },
    }),
    async (c) => {
      const caller = requireTokenManager(c);
      const { name, expiresInDays, role = caller.role } = c.req.valid("json");
      if (!roleAtLeast(caller.role, role)) {
        throw new ProblemError(
          "role_too_low",
          `A ${ROLE_LABELS[caller.role]} cannot create a token with the ${ROLE_LABELS[role]} role`,
        );
      }
      const now = Date.now();
      const minted = await mintApiToken();
      const row = await insertApiToken(c.var.services.db, {
        id: newId("tok"),
        organisationId: caller.organisationId,
        name,
        tokenHash: minted.tokenHash,
        prefix: minted.prefix,
        createdBy: caller.userId,
        role,
        createdAt: now,
        expiresAt: expiresInDays === undefined ? null : now + expiresInDays * DAY_MS,
      });
      return c.json({ ...toApiToken(row), token: minted.token }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/tokens/{id}",
      tags: ["tokens"],
      summary: "Revoke an API token; requests with it get 401 from now on",
      request: { params: IdParams },
      responses: { 204: { description: "Revoked" }, ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const caller = requireTokenManager(c);
      const { id } = c.req.valid("param");
      const revoked = await revokeApiToken(c.var.services.db, caller.organisationId, id, Date.now());
      if (!revoked) throw new ProblemError("not_found", `No API token ${id}`);
      return c.body(null, 204);
    },
  );
