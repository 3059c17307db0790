import { createRoute, z } from "@hono/zod-openapi";
import { NAME_MAX } from "@sipwatch/core";
import {
  deleteMaintenanceWindow,
  insertMaintenanceWindow,
  type MaintenanceWindowRow,
  maintenanceWindowsOfMonitor,
} from "@sipwatch/db";
import { newId } from "../../ids";
import { findOwnedMonitor } from "../owned-monitor";
import { ProblemError, problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import { displayName } from "../text-fields";

/** Long enough for a migration weekend and then some; longer is a paused monitor, not maintenance. */
const MAX_WINDOW_DAYS = 31;
const DAY_MS = 86_400_000;

const CreateMaintenanceSchema = z
  .object({
    startsAt: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-28T22:00:00Z" }),
    endsAt: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-29T02:00:00Z" }),
    reason: displayName(NAME_MAX.maintenanceReason).openapi({ example: "PBX firmware upgrade" }),
    announce: z
      .boolean()
      .default(false)
      .openapi({ description: "Show the window and its reason on the public status pages that show the monitor" }),
  })
  .openapi("CreateMaintenanceWindow");

const MaintenanceSchema = z
  .object({
    id: z.string(),
    monitorId: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    reason: z.string(),
    announce: z.boolean(),
    createdAt: z.iso.datetime(),
  })
  .openapi("MaintenanceWindow");

const WindowParams = IdParams.extend({
  windowId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "windowId", in: "path" } }),
});

const toWindow = (row: MaintenanceWindowRow): z.infer<typeof MaintenanceSchema> => ({
  id: row.id,
  monitorId: row.monitorId,
  startsAt: new Date(row.startsAt).toISOString(),
  endsAt: new Date(row.endsAt).toISOString(),
  reason: row.reason,
  announce: row.announce,
  createdAt: new Date(row.createdAt).toISOString(),
});

/**
 * One-off maintenance windows of a monitor: no alerts while one lasts. Audits go on, so a service
 * still broken when the window ends is announced then, and one that healed in time never is.
 */
export const maintenanceRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/monitors/{id}/maintenance",
      tags: ["monitors"],
      summary: "The monitor's maintenance windows, past ones included",
      request: { params: IdParams },
      responses: {
        200: jsonResponse(z.object({ windows: z.array(MaintenanceSchema) }), "Windows"),
        ...problemResponses(401, 404),
      },
    }),
    async (c) => {
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const rows = await maintenanceWindowsOfMonitor(c.var.services.db, monitor.id);
      return c.json({ windows: rows.map(toWindow) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/monitors/{id}/maintenance",
      tags: ["monitors"],
      summary: "Hold the monitor's alerts back between two times",
      request: { params: IdParams, body: jsonBody(CreateMaintenanceSchema) },
      responses: { 201: jsonResponse(MaintenanceSchema, "Created"), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
      const input = c.req.valid("json");
      const startsAt = Date.parse(input.startsAt);
      const endsAt = Date.parse(input.endsAt);
      const now = Date.now();
      if (endsAt <= startsAt) throw validationProblem([{ field: "endsAt", message: "must be after startsAt" }]);
      if (endsAt - startsAt > MAX_WINDOW_DAYS * DAY_MS) {
        throw validationProblem([{ field: "endsAt", message: `must be within ${MAX_WINDOW_DAYS} days of startsAt` }]);
      }
      if (endsAt <= now) throw validationProblem([{ field: "endsAt", message: "is in the past" }]);
      const row = await insertMaintenanceWindow(c.var.services.db, {
        id: newId("mnt"),
        monitorId: monitor.id,
        startsAt,
        endsAt,
        reason: input.reason,
        announce: input.announce,
        createdAt: now,
      });
      return c.json(toWindow(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/monitors/{id}/maintenance/{windowId}",
      tags: ["monitors"],
      summary: "Remove a window, so alerts speak again at once",
      request: { params: WindowParams },
      responses: { 204: { description: "Deleted" }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const { id, windowId } = c.req.valid("param");
      const monitor = await findOwnedMonitor(c, id);
      if (!(await deleteMaintenanceWindow(c.var.services.db, monitor.id, windowId))) {
        throw new ProblemError("not_found", `No maintenance window ${windowId}`);
      }
      return c.body(null, 204);
    },
  );
