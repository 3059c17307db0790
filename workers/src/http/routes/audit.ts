import { createRoute, z } from "@hono/zod-openapi";
import {
  AUDIT_ACTOR_KINDS,
  AUDIT_EXPORT_MAX_ROWS,
  AUDIT_PAGE_DEFAULT,
  AUDIT_PAGE_MAX,
  AUDIT_RETENTION_DAYS,
  auditLogCsv,
} from "@sipwatch/core";
import { type AuditEventRow, type AuditFilter, listAuditEvents } from "@sipwatch/db";
import { problemResponses, validationProblem } from "../problem";
import { createRouter, jsonResponse } from "../router";

const CURSOR = /^(\d{1,15})\.([\w-]{1,100})$/;

const FilterQuery = z.object({
  actorKind: z.enum(AUDIT_ACTOR_KINDS).optional().openapi({ description: "member, token, agent or system" }),
  actor: z.string().min(1).max(100).optional().openapi({ description: "The actor's id: a user, token or agent id" }),
  action: z
    .string()
    .regex(/^[a-z_]+\.[a-z_]+$/, "must be an action such as monitor.update")
    .optional()
    .openapi({ example: "monitor.update" }),
  objectType: z
    .string()
    .regex(/^[a-z_]{1,40}$/, "must be an object type such as monitor")
    .optional()
    .openapi({ example: "monitor" }),
  objectId: z.string().min(1).max(100).optional(),
  since: z.iso.datetime().optional().openapi({ description: "Entries at or after this time" }),
  until: z.iso.datetime().optional().openapi({ description: "Entries before this time" }),
});

const ListQuery = FilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).optional(),
  cursor: z.string().regex(CURSOR, "must be a nextCursor from a previous page").optional(),
});

const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.iso.datetime(),
    actor: z.object({
      kind: z.enum(AUDIT_ACTOR_KINDS),
      id: z.string().nullable(),
      label: z.string().openapi({ description: "The member's name and address, the token's or agent's name, then" }),
    }),
    action: z.string().openapi({ example: "monitor.update" }),
    objectType: z.string().openapi({ example: "monitor" }),
    objectId: z.string().nullable(),
    summary: z.string().openapi({ description: "Changed field names or a short sentence; never a secret" }),
  })
  .openapi("AuditEntry");

const AuditPageSchema = z
  .object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable() })
  .openapi("AuditPage");

type Filters = z.infer<typeof FilterQuery>;

function filterOf(query: Filters): AuditFilter {
  const since = query.since ? Date.parse(query.since) : undefined;
  const until = query.until ? Date.parse(query.until) : undefined;
  if (since !== undefined && until !== undefined && since >= until)
    throw validationProblem([{ field: "since", message: "must be before until" }]);
  return {
    actorKind: query.actorKind,
    actorId: query.actor,
    action: query.action,
    objectType: query.objectType,
    objectId: query.objectId,
    since,
    until,
  };
}

const toEntry = (row: AuditEventRow) => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  actor: { kind: row.actorKind, id: row.actorId, label: row.actorLabel },
  action: row.action,
  objectType: row.objectType,
  objectId: row.objectId,
  summary: row.summary,
});

const cursorOf = (row: AuditEventRow) => `${row.at}.${row.id}`;

/**
 * The organisation's audit log, read only: no route edits or deletes an entry (retention removes
 * entries older than AUDIT_RETENTION_DAYS). Every query is scoped to the caller's organisation.
 */
export const auditRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/audit",
      tags: ["audit"],
      summary: `Who changed what, newest first, a page at a time (kept ${AUDIT_RETENTION_DAYS} days)`,
      request: { query: ListQuery },
      responses: { 200: jsonResponse(AuditPageSchema, "One page"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const limit = query.limit ?? AUDIT_PAGE_DEFAULT;
      const cursor = query.cursor ? CURSOR.exec(query.cursor) : null;
      const rows = await listAuditEvents(c.var.services.db, c.var.caller.organisationId, {
        ...filterOf(query),
        before: cursor ? { at: Number(cursor[1]), id: cursor[2] ?? "" } : undefined,
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return c.json(
        { entries: page.map(toEntry), nextCursor: rows.length > limit && last ? cursorOf(last) : null },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/audit/export",
      tags: ["audit"],
      summary: `The log as CSV, newest first, the same filters, at most ${AUDIT_EXPORT_MAX_ROWS} entries`,
      request: { query: FilterQuery },
      responses: {
        200: {
          description: "CSV; the header X-Sipwatch-Truncated: true says more entries matched than it holds",
          content: { "text/csv": { schema: z.string().openapi({ example: "at,actor_kind,actor_id,actor,..." }) } },
        },
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const filter = filterOf(c.req.valid("query"));
      const rows: AuditEventRow[] = [];
      let before: { at: number; id: string } | undefined;
      let truncated = false;
      // Keyset pages of 500: each statement stays small however long the log is.
      for (;;) {
        const page = await listAuditEvents(c.var.services.db, c.var.caller.organisationId, {
          ...filter,
          before,
          limit: 500,
        });
        rows.push(...page);
        const last = page.at(-1);
        if (page.length < 500 || !last) break;
        if (rows.length >= AUDIT_EXPORT_MAX_ROWS) {
          truncated = true;
          break;
        }
        before = { at: last.at, id: last.id };
      }
      if (rows.length > AUDIT_EXPORT_MAX_ROWS) truncated = true;
      const csv = auditLogCsv(
        rows.slice(0, AUDIT_EXPORT_MAX_ROWS).map((row) => ({
          at: new Date(row.at).toISOString(),
          actorKind: row.actorKind,
          actorId: row.actorId,
          actor: row.actorLabel,
          action: row.action,
          objectType: row.objectType,
          objectId: row.objectId,
          summary: row.summary,
        })),
      );
      return c.body(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="sipwatch-audit-${new Date().toISOString().slice(0, 10)}.csv"`,
        "x-sipwatch-truncated": String(truncated),
      });
    },
  );
