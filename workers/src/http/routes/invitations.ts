import { createRoute, z } from "@hono/zod-openapi";
import { actorOfCaller, recordAudit } from "../../audit/record";
import { acceptInvitation, invitationForInvitee, invite, pendingInvitations, revokeInvitation } from "../../members";
import { requireSessionCaller } from "../caller-guards";
import { problemResponses } from "../problem";
import { createRouter, IdParams, jsonResponse as json, jsonBody } from "../router";
import {
  CreateInvitationSchema,
  InvitationSchema,
  InviteeViewSchema,
  MemberSchema,
  toInvitation,
  toInviteeView,
} from "./member-schemas";
import { memberActor } from "./members";

const AcceptedSchema = z
  .object({
    organisation: z.object({ id: z.string(), name: z.string() }),
    role: MemberSchema.shape.role,
  })
  .openapi("AcceptedInvitation");

export const invitationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/invitations",
      tags: ["invitations"],
      summary: "The organisation's pending invitations (owners and admins)",
      responses: {
        200: json(z.object({ invitations: z.array(InvitationSchema) }), "Pending invitations"),
        ...problemResponses(401, 403),
      },
    }),
    async (c) => {
      const invitations = await pendingInvitations(memberActor(c, "list invitations"));
      return c.json({ invitations: invitations.map((i) => toInvitation(i)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invitations",
      tags: ["invitations"],
      summary: "Invite an address with a role; the link is mailed, works once and for 7 days",
      description: "Inviting an address with a pending invitation replaces it (a new link and expiry).",
      request: { body: jsonBody(CreateInvitationSchema) },
      responses: { 201: json(InvitationSchema, "Invited"), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const { email, role } = c.req.valid("json");
      const created = await invite(memberActor(c, "invite members"), email, role);
      return c.json(toInvitation(created), 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/invitations/{id}",
      tags: ["invitations"],
      summary: "Revoke a pending invitation: its link stops working",
      request: { params: IdParams },
      responses: { 204: { description: "Revoked" }, ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      await revokeInvitation(memberActor(c, "revoke invitations"), c.req.valid("param").id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/invitations/{id}/invitee-view",
      tags: ["invitations"],
      summary: "What the invited person sees before accepting (only when signed in with the invited address)",
      request: { params: IdParams },
      responses: { 200: json(InviteeViewSchema, "The invitation"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const caller = requireSessionCaller(c, "open an invitation");
      const invitee = { services: c.var.services, userId: caller.userId, headers: c.req.raw.headers };
      return c.json(toInviteeView(await invitationForInvitee(invitee, c.req.valid("param").id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/invitations/{id}/accept",
      tags: ["invitations"],
      summary: "Join the organisation; the session switches to it",
      request: { params: IdParams },
      responses: { 200: json(AcceptedSchema, "Joined"), ...problemResponses(401, 403, 404, 409) },
    }),
    async (c) => {
      const caller = requireSessionCaller(c, "accept an invitation");
      const invitee = { services: c.var.services, userId: caller.userId, headers: c.req.raw.headers };
      const invitationId = c.req.valid("param").id;
      const accepted = await acceptInvitation(invitee, invitationId);
      await recordAudit(c.var.services.db, accepted.organisationId, await actorOfCaller(c.var.services.db, caller), {
        action: "invitation.accept",
        objectType: "invitation",
        objectId: invitationId,
        summary: `joined as ${accepted.role}`,
      });
      return c.json(
        { organisation: { id: accepted.organisationId, name: accepted.organisationName }, role: accepted.role },
        200,
      );
    },
  );
