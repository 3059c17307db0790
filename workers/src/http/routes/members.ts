import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { changeMemberRole, leaveOrganisation, type MemberActor, membersOf, removeMember } from "../../members";
import { requireSessionCaller } from "../caller-guards";
import type { AppEnv } from "../context";
import { problemResponses } from "../problem";
import { createRouter, IdParams, jsonResponse as json, jsonBody } from "../router";
import { MemberSchema, RoleSchema, toMember } from "./member-schemas";

/** A signed-in member acting in the session's organisation (member changes need a person, not a token). */
export function memberActor(c: Context<AppEnv>, action: string): MemberActor {
  const caller = requireSessionCaller(c, action);
  return {
    services: c.var.services,
    organisationId: caller.organisationId,
    userId: caller.userId,
    headers: c.req.raw.headers,
  };
}

export const memberRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/members",
      tags: ["members"],
      summary: "The organisation's members and their roles",
      responses: { 200: json(z.object({ members: z.array(MemberSchema) }), "Members"), ...problemResponses(401) },
    }),
    async (c) => {
      const members = await membersOf(c.var.services, c.var.caller.organisationId);
      return c.json({ members: members.map(toMember) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/members/{id}",
      tags: ["members"],
      summary: "Change a member's role (owners and admins; only owners touch owners; the last owner stays)",
      request: { params: IdParams, body: jsonBody(z.object({ role: RoleSchema })) },
      responses: { 200: json(MemberSchema, "Changed"), ...problemResponses(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const actor = memberActor(c, "change members' roles");
      const changed = await changeMemberRole(actor, c.req.valid("param").id, c.req.valid("json").role);
      return c.json(toMember(changed), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/members/{id}",
      tags: ["members"],
      summary: "Remove a member (owners and admins; only owners remove owners; the last owner stays)",
      request: { params: IdParams },
      responses: { 204: { description: "Removed" }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await removeMember(memberActor(c, "remove members"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organisations/current/leave",
      tags: ["members", "organisations"],
      summary: "Leave the current organisation (not as its last owner); the session moves to another of yours",
      responses: { 204: { description: "Left" }, ...problemResponses(401, 403, 409) },
    }),
    async (c) => {
      await leaveOrganisation(memberActor(c, "leave an organisation"));
      return c.body(null, 204);
    },
  );
