import { createRoute, z } from "@hono/zod-openapi";
import { NAME_MAX, ROLES, type Role } from "@sipwatch/core";
import {
  countOwnedOrganisations,
  createOrganisation,
  deleteOrganisation,
  findMembership,
  findOrganisation,
  listMemberships,
  setSessionOrganisation,
  shardsHoldingHistory,
} from "@sipwatch/db";
import { roleOfMember } from "../../auth/member-role";
import { organisationSlug } from "../../auth/personal-organisation";
import { newId } from "../../ids";
import { requireSessionCaller } from "../caller-guards";
import { ProblemError, problemResponses } from "../problem";
import { createRouter, IdParams, jsonResponse as json, jsonBody } from "../router";
import { displayName } from "../text-fields";

const OrganisationSchema = z
  .object({
    id: z.string().openapi({ example: "org_2Vq9c1nq3Jm0e6yq8xQkOw" }),
    name: z.string(),
    slug: z.string(),
    createdAt: z.iso.datetime(),
    role: z.enum(ROLES).openapi({
      description:
        "What the caller may do there (see SECURITY.md's role table); for an API token, its role capped at its creator's",
    }),
  })
  .openapi("Organisation");

const toOrganisation = (o: { id: string; name: string; slug: string; createdAt: number; role: Role }) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  createdAt: new Date(o.createdAt).toISOString(),
  role: o.role,
});

const withMemberRole = <T extends { role: string }>(m: T) => ({ ...m, role: roleOfMember(m.role) });

export const organisationRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/organisations",
      tags: ["organisations"],
      summary: "The organisations the caller belongs to, with their role",
      responses: {
        200: json(z.object({ organisations: z.array(OrganisationSchema) }), "Organisations"),
        ...problemResponses(401),
      },
    }),
    async (c) => {
      const { caller, services } = c.var;
      if (caller.userId === null) {
        const own = await findOrganisation(services.db, caller.organisationId);
        return c.json({ organisations: own ? [toOrganisation({ ...own, role: caller.role })] : [] }, 200);
      }
      const memberships = await listMemberships(services.db, caller.userId);
      return c.json({ organisations: memberships.map((m) => toOrganisation(withMemberRole(m))) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organisations",
      tags: ["organisations"],
      summary: "Create an organisation; the signed-in caller becomes its owner",
      request: {
        body: jsonBody(z.object({ name: displayName(NAME_MAX.organisation) })),
      },
      responses: { 201: json(OrganisationSchema, "Created"), ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const caller = requireSessionCaller(c, "create organisations");
      const { name } = c.req.valid("json");
      const { db, config } = c.var.services;
      // Count then insert can overshoot by one under concurrent creates, like the monitor limit.
      if ((await countOwnedOrganisations(db, caller.userId)) >= config.organisationLimit) {
        throw new ProblemError("limit_reached", `An account can own at most ${config.organisationLimit} organisations`);
      }
      const created = await createOrganisation(db, {
        id: newId("org"),
        name,
        slug: organisationSlug(name),
        ownerUserId: caller.userId,
        now: Date.now(),
      });
      return c.json(toOrganisation(withMemberRole(created)), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/organisations/current",
      tags: ["organisations"],
      summary: "The organisation this request acts in, with the role the caller has there",
      responses: { 200: json(OrganisationSchema, "The current organisation"), ...problemResponses(401) },
    }),
    async (c) => {
      const { caller, services } = c.var;
      const organisation = await findOrganisation(services.db, caller.organisationId);
      if (!organisation) throw new Error(`caller's organisation ${caller.organisationId} does not exist`);
      // The role this request acts with, which the dashboard uses to hide what it cannot do.
      return c.json(toOrganisation({ ...organisation, role: caller.role }), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/organisations/{id}/activate",
      tags: ["organisations"],
      summary: "Switch the dashboard session to another of the user's organisations",
      request: { params: IdParams },
      responses: { 200: json(OrganisationSchema, "Now active"), ...problemResponses(401, 403, 404) },
    }),
    async (c) => {
      const caller = requireSessionCaller(c, "switch organisations");
      const { id } = c.req.valid("param");
      const { db } = c.var.services;
      const membership = await findMembership(db, caller.userId, id);
      if (!membership) throw new ProblemError("not_found", `No organisation ${id}`);
      const sessionId = c.var.sessionId;
      if (!sessionId) throw new Error("a session caller without a session id");
      await setSessionOrganisation(db, sessionId, id);
      return c.json(toOrganisation(withMemberRole(membership)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/organisations/current",
      tags: ["organisations"],
      summary: "Delete the organisation with everything in it (owners only)",
      description:
        "Deletes the organisation the session acts in: its monitors and their history, channels, tokens, agents, incidents, status pages, members, invitations and audit log. `confirm` must be the organisation's name. Refused (409) when it is the caller's only organisation. The history on its shard is deleted by the maintenance tick in bounded chunks.",
      request: { body: jsonBody(z.object({ confirm: z.string().max(200) })) },
      responses: { 204: { description: "Deleted" }, ...problemResponses(400, 401, 403, 409) },
    }),
    async (c) => {
      const caller = requireSessionCaller(c, "delete an organisation");
      const { confirm } = c.req.valid("json");
      const { db } = c.var.services;
      const organisation = await findOrganisation(db, caller.organisationId);
      if (!organisation) throw new Error(`caller's organisation ${caller.organisationId} does not exist`);
      if (confirm.trim() !== organisation.name) {
        throw new ProblemError("validation_failed", "Type the organisation's name to confirm", [
          { field: "confirm", message: `Type ${organisation.name} exactly to delete it` },
        ]);
      }
      // Signed-in people always act in an organisation of theirs; deleting the last would leave none.
      if ((await listMemberships(db, caller.userId)).length < 2) {
        throw new ProblemError("conflict", "This is your only organisation: create or join another before deleting it");
      }
      const shards = await shardsHoldingHistory(db, organisation.id);
      await deleteOrganisation(db, organisation.id, shards, Date.now());
      // The organisation's own audit log goes with it: the deletion is in the Worker's log.
      console.log(
        JSON.stringify({ event: "organisation-deleted", organisationId: organisation.id, by: caller.userId, shards }),
      );
      return c.body(null, 204);
    },
  );
