import { createRoute } from "@hono/zod-openapi";
import {
  deleteStatusPage,
  findOrganisation,
  findStatusPage,
  insertStatusPage,
  monitorsOfPage,
  type StatusPageRow,
  statusPageSlugTaken,
  statusPagesOfOrganisation,
  updateStatusPage,
} from "@sipwatch/db";
import type { Context } from "hono";
import { newId } from "../../ids";
import type { AppEnv } from "../context";
import { ProblemError, problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import {
  CreateStatusPageSchema,
  StatusPageListSchema,
  StatusPageSchema,
  toStatusPage,
  UpdateStatusPageSchema,
} from "./status-page-schemas";
import { ORGANISATION_PAGE_PREFIX } from "./status-pages-public";

async function findOwnedPage(c: Context<AppEnv>, id: string): Promise<StatusPageRow> {
  const page = await findStatusPage(c.var.services.db, c.var.caller.organisationId, id);
  if (!page) throw new ProblemError("not_found", `No status page ${id}`);
  return page;
}

/** Every id must be the caller's monitor: another organisation's id reads exactly like a missing one. */
async function checkMonitors(c: Context<AppEnv>, ids: readonly string[]): Promise<void> {
  const found = await monitorsOfPage(c.var.services.db, c.var.caller.organisationId, ids);
  const known = new Set(found.map((m) => m.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw validationProblem([{ field: "monitorIds", message: `no enabled monitor ${missing.slice(0, 5).join(", ")}` }]);
  }
}

async function checkSlug(c: Context<AppEnv>, slug: string, exceptId?: string): Promise<void> {
  if (await statusPageSlugTaken(c.var.services.db, slug, exceptId)) {
    throw new ProblemError("conflict", `The slug "${slug}" is taken`, [{ field: "slug", message: "is taken" }]);
  }
}

/** Status pages an operator defines (issue 16): slug, title, description and monitors shown. */
export const statusPageRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/status-pages",
      tags: ["status pages"],
      summary: "The organisation's status pages and the path of its default page",
      responses: { 200: jsonResponse(StatusPageListSchema, "Pages"), ...problemResponses(401) },
    }),
    async (c) => {
      const { db } = c.var.services;
      const [rows, organisation] = await Promise.all([
        statusPagesOfOrganisation(db, c.var.caller.organisationId),
        findOrganisation(db, c.var.caller.organisationId),
      ]);
      return c.json(
        { pages: rows.map(toStatusPage), defaultPagePath: `${ORGANISATION_PAGE_PREFIX}${organisation?.slug ?? ""}` },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/status-pages",
      tags: ["status pages"],
      summary: "Publish a status page showing some of the organisation's monitors",
      request: { body: jsonBody(CreateStatusPageSchema) },
      responses: { 201: jsonResponse(StatusPageSchema, "Created"), ...problemResponses(400, 401, 409) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      await checkMonitors(c, input.monitorIds);
      await checkSlug(c, input.slug);
      const now = Date.now();
      const row = await insertStatusPage(c.var.services.db, {
        id: newId("stp"),
        organisationId: c.var.caller.organisationId,
        slug: input.slug,
        title: input.title,
        description: input.description,
        monitorIds: input.monitorIds,
        enabled: input.enabled,
        createdAt: now,
        updatedAt: now,
      }).catch(slugRace(input.slug));
      return c.json(toStatusPage(row), 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/status-pages/{id}",
      tags: ["status pages"],
      summary: "One status page",
      request: { params: IdParams },
      responses: { 200: jsonResponse(StatusPageSchema, "Page"), ...problemResponses(401, 404) },
    }),
    async (c) => c.json(toStatusPage(await findOwnedPage(c, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/status-pages/{id}",
      tags: ["status pages"],
      summary: "Change a status page (the public page shows the change at once)",
      request: { params: IdParams, body: jsonBody(UpdateStatusPageSchema) },
      responses: { 200: jsonResponse(StatusPageSchema, "Changed"), ...problemResponses(400, 401, 404, 409) },
    }),
    async (c) => {
      const page = await findOwnedPage(c, c.req.valid("param").id);
      const input = c.req.valid("json");
      if (input.monitorIds) await checkMonitors(c, input.monitorIds);
      if (input.slug && input.slug !== page.slug) await checkSlug(c, input.slug, page.id);
      // A strictly newer updated_at even within one millisecond: it is the page's cache version.
      const row = await updateStatusPage(c.var.services.db, page.organisationId, page.id, {
        ...input,
        updatedAt: Math.max(Date.now(), page.updatedAt + 1),
      }).catch(slugRace(input.slug ?? page.slug));
      if (!row) throw new ProblemError("not_found", `No status page ${page.id}`);
      return c.json(toStatusPage(row), 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/status-pages/{id}",
      tags: ["status pages"],
      summary: "Delete a status page (its URL answers 404 at once)",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await deleteStatusPage(c.var.services.db, c.var.caller.organisationId, id))) {
        throw new ProblemError("not_found", `No status page ${id}`);
      }
      return c.body(null, 204);
    },
  );

/** Two requests racing for one slug: the unique index refuses the second, answered as the same 409. */
const slugRace =
  (slug: string) =>
  (error: unknown): never => {
    if (String(error).includes("UNIQUE")) {
      throw new ProblemError("conflict", `The slug "${slug}" is taken`, [{ field: "slug", message: "is taken" }]);
    }
    throw error;
  };
