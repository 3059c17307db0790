import { createRoute } from "@hono/zod-openapi";
import { findIncident, findMonitor, type IncidentRow, incidentTimeline, listIncidents } from "@sipwatch/db";
import type { Context } from "hono";
import { acknowledgeIncident, postIncidentUpdate, resolveIncident } from "../../alerts/operator-actions";
import type { AppEnv } from "../context";
import { ProblemError, problemResponses } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import {
  cursorOf,
  IncidentDetailSchema,
  IncidentEventSchema,
  IncidentListQuery,
  IncidentListSchema,
  parseCursor,
  toIncident,
  toIncidentEvent,
  UpdateBodySchema,
} from "./incident-schemas";

/** The caller's incident, or a 404 exactly like a missing one (another organisation's included). */
async function findOwnedIncident(c: Context<AppEnv>, id: string): Promise<IncidentRow> {
  const incident = await findIncident(c.var.services.db, c.var.caller.organisationId, id);
  if (!incident) throw new ProblemError("not_found", `No incident ${id}`);
  return incident;
}

/** Who acts, as the timeline records it: the person, or the API token (which is nobody's). */
function authorOf(c: Context<AppEnv>): string {
  const { caller } = c.var;
  return caller.userId ?? `token:${caller.tokenId ?? "unknown"}`;
}

async function detailOf(c: Context<AppEnv>, id: string) {
  const { db } = c.var.services;
  const incident = await findOwnedIncident(c, id);
  const [monitor, events] = await Promise.all([
    findMonitor(db, incident.organisationId, incident.monitorId),
    incidentTimeline(db, incident.id),
  ]);
  return {
    ...toIncident(incident, monitor?.name ?? incident.monitorId),
    events: events.map((e) => toIncidentEvent(e.event, e.authorName)),
  };
}

const detailResponse = (description: string) => jsonResponse(IncidentDetailSchema, description);

/**
 * Incidents: opened by the alert policy (never through the API), then acknowledged, annotated
 * and resolved by people. Every route is scoped to the caller's organisation.
 */
export const incidentRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/incidents",
      tags: ["incidents"],
      summary: "The organisation's incidents, newest first",
      request: { query: IncidentListQuery },
      responses: { 200: jsonResponse(IncidentListSchema, "One page"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const rows = await listIncidents(c.var.services.db, c.var.caller.organisationId, {
        ...(query.status ? { status: query.status } : {}),
        ...(query.monitor ? { monitorId: query.monitor } : {}),
        ...(query.cursor ? { before: parseCursor(query.cursor) } : {}),
        // One more than asked says whether another page exists.
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return c.json(
        {
          incidents: page.map((r) => toIncident(r.incident, r.monitorName)),
          nextCursor: rows.length > query.limit && last ? cursorOf(last.incident) : null,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/incidents/{id}",
      tags: ["incidents"],
      summary: "One incident with its timeline",
      request: { params: IdParams },
      responses: { 200: detailResponse("The incident"), ...problemResponses(401, 404) },
    }),
    async (c) => c.json(await detailOf(c, c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/incidents/{id}/acknowledge",
      tags: ["incidents"],
      summary: "Take the incident: reminders stop and on-call services mark it acknowledged",
      request: { params: IdParams },
      responses: { 200: detailResponse("The incident"), ...problemResponses(401, 404, 409) },
    }),
    async (c) => {
      const incident = await findOwnedIncident(c, c.req.valid("param").id);
      const outcome = await acknowledgeIncident(c.var.services.db, incident, authorOf(c), Date.now());
      if (!outcome.changed && outcome.status === "resolved") {
        throw new ProblemError("conflict", `Incident ${incident.id} is already resolved`);
      }
      return c.json(await detailOf(c, incident.id), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/incidents/{id}/updates",
      tags: ["incidents"],
      summary: "Add a note to the timeline; public notes appear on status pages",
      request: { params: IdParams, body: jsonBody(UpdateBodySchema) },
      responses: { 201: jsonResponse(IncidentEventSchema, "The note as stored"), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const incident = await findOwnedIncident(c, c.req.valid("param").id);
      const input = c.req.valid("json");
      const { db } = c.var.services;
      await postIncidentUpdate(
        db,
        incident,
        { author: authorOf(c), body: input.body, public: input.public },
        Date.now(),
      );
      const events = await incidentTimeline(db, incident.id);
      const stored = events.filter((e) => e.event.kind === "update").at(-1);
      if (!stored) throw new Error("the update was not stored");
      return c.json(toIncidentEvent(stored.event, stored.authorName), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/incidents/{id}/resolve",
      tags: ["incidents"],
      summary: "Close the incident now; on-call services resolve their alert",
      request: { params: IdParams },
      responses: { 200: detailResponse("The incident"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const incident = await findOwnedIncident(c, c.req.valid("param").id);
      await resolveIncident(c.var.services.db, incident, authorOf(c), Date.now());
      return c.json(await detailOf(c, incident.id), 200);
    },
  );
