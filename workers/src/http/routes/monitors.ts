import { createRoute, type z } from "@hono/zod-openapi";
import { type MethodHandling, type ResponseHandling, responseHandlingOf } from "@sipwatch/core";
import {
  countMonitors,
  deleteMonitorLater,
  insertMonitor,
  listMonitors,
  type MonitorWrite,
  shardsHoldingHistory,
  updateMonitor,
} from "@sipwatch/db";
import { DEFAULT_MONITOR_ALERT_POLICY } from "../../alerts/monitor-policy";
import { newId } from "../../ids";
import { findOwnedMonitor } from "../owned-monitor";
import { ProblemError, problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import {
  CreateMonitorSchema,
  DEFAULT_INTERVAL,
  DEFAULT_THRESHOLDS,
  DEFAULT_TRANSPORTS,
  MonitorListQuery,
  MonitorPageSchema,
  MonitorSchema,
  toMonitor,
  UpdateMonitorSchema,
} from "./monitor-schemas";

/** A public status page needs an address: checked on the monitor as it will be after the write. */
function requireSlugWhenPublic(monitor: { isPublic: boolean; slug: string | null }) {
  if (monitor.isPublic && !monitor.slug) {
    throw validationProblem([{ field: "slug", message: "is required when isPublic is true" }]);
  }
}

/** Each method's lists given replace the stored ones; a status cannot end up in both lists. */
function mergeHandling(
  current: ResponseHandling | null,
  change: { options?: Partial<MethodHandling>; register?: Partial<MethodHandling> },
): ResponseHandling {
  const base = responseHandlingOf(current);
  const merged = {
    options: { ...base.options, ...change.options },
    register: { ...base.register, ...change.register },
  };
  for (const method of ["options", "register"] as const) {
    const { upStatuses, maintenanceStatuses } = merged[method];
    const both = upStatuses.filter((s) => maintenanceStatuses.includes(s));
    if (both.length > 0)
      throw validationProblem([
        { field: `responseHandling.${method}`, message: `${both.join(", ")} cannot be both up and maintenance` },
      ]);
  }
  return merged;
}

function written(result: MonitorWrite, slug: string | null | undefined) {
  if (!result.ok)
    throw new ProblemError("conflict", `The slug "${slug}" is taken`, [{ field: "slug", message: "is taken" }]);
  return toMonitor(result.monitor);
}

export const monitorRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/monitors",
      tags: ["monitors"],
      summary: "The organisation's monitors, a page at a time (up to 1000 per page)",
      request: { query: MonitorListQuery },
      responses: { 200: jsonResponse(MonitorPageSchema, "A page of monitors"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const page = await listMonitors(c.var.services.db, c.var.caller.organisationId, { limit, after: cursor });
      return c.json({ monitors: page.monitors.map(toMonitor), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/monitors",
      tags: ["monitors"],
      summary: "Watch a SIP domain or URI",
      request: { body: jsonBody(CreateMonitorSchema) },
      responses: { 201: jsonResponse(MonitorSchema, "Created"), ...problemResponses(400, 401, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { caller, services } = c.var;
      const isPublic = input.isPublic ?? false;
      const slug = input.slug ?? null;
      requireSlugWhenPublic({ isPublic, slug });
      // Count then insert can overshoot by a few under concurrent creates; the limit guards
      // capacity, it is not a billing boundary.
      const limit = services.config.monitorLimit;
      if ((await countMonitors(services.db, caller.organisationId)) >= limit) {
        throw new ProblemError("limit_reached", `An organisation can have at most ${limit} monitors`);
      }
      const now = Date.now();
      const result = await insertMonitor(services.db, {
        id: newId("mon"),
        organisationId: caller.organisationId,
        name: input.name,
        target: input.target,
        expectedTransports: input.expectedTransports ?? DEFAULT_TRANSPORTS,
        regions: input.regions ?? services.config.defaultRegions,
        intervalMinutes: input.intervalMinutes ?? DEFAULT_INTERVAL,
        thresholds: { ...DEFAULT_THRESHOLDS, ...input.thresholds },
        alertPolicy: input.alertPolicy ? { ...DEFAULT_MONITOR_ALERT_POLICY, ...input.alertPolicy } : null,
        responseHandling: input.responseHandling ? mergeHandling(null, input.responseHandling) : null,
        isPublic,
        slug,
        enabled: input.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      });
      return c.json(written(result, slug), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/monitors/{id}",
      tags: ["monitors"],
      summary: "One monitor",
      request: { params: IdParams },
      responses: { 200: jsonResponse(MonitorSchema, "The monitor"), ...problemResponses(401, 404) },
    }),
    async (c) => c.json(toMonitor(await findOwnedMonitor(c, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/monitors/{id}",
      tags: ["monitors"],
      summary: "Change some of a monitor's settings",
      request: { params: IdParams, body: jsonBody(UpdateMonitorSchema) },
      responses: { 200: jsonResponse(MonitorSchema, "The updated monitor"), ...problemResponses(400, 401, 404, 409) },
    }),
    async (c) => {
      const current = await findOwnedMonitor(c, c.req.valid("param").id);
      const { thresholds, alertPolicy, responseHandling, ...changes } = c.req.valid("json");
      requireSlugWhenPublic({
        isPublic: changes.isPublic ?? current.isPublic,
        slug: changes.slug === undefined ? current.slug : changes.slug,
      });
      const result = await updateMonitor(c.var.services.db, current, {
        ...changes,
        ...(thresholds ? { thresholds: { ...current.thresholds, ...thresholds } } : {}),
        ...(alertPolicy
          ? { alertPolicy: { ...DEFAULT_MONITOR_ALERT_POLICY, ...current.alertPolicy, ...alertPolicy } }
          : {}),
        ...(responseHandling ? { responseHandling: mergeHandling(current.responseHandling, responseHandling) } : {}),
        updatedAt: Date.now(),
      });
      return c.json(written(result, changes.slug), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/monitors/{id}",
      tags: ["monitors"],
      summary: "Stop watching and delete the monitor's history",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      const { services, caller } = c.var;
      // History lives in shard databases, without a foreign key to monitors: it is queued with
      // the delete and leaves its shard through the maintenance tick in bounded chunks.
      const shards = await shardsHoldingHistory(services.db, caller.organisationId);
      const deleted = await deleteMonitorLater(services.db, caller.organisationId, id, shards, Date.now());
      if (!deleted) throw new ProblemError("not_found", `No monitor ${id}`);
      return c.body(null, 204);
    },
  );

export type MonitorResponse = z.infer<typeof MonitorSchema>;
