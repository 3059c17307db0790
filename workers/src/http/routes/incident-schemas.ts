import { z } from "@hono/zod-openapi";
import type { IncidentEventRow, IncidentRow } from "@sipwatch/db";
import { hasUnprintable } from "../text-fields";

/** Long enough for a paragraph of what is being done; status pages show it whole. */
export const INCIDENT_UPDATE_MAX = 2000;

const STATUSES = ["open", "acknowledged", "resolved"] as const;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const IncidentListQuery = z.object({
  status: z.enum(STATUSES).optional(),
  monitor: z.string().min(1).max(100).optional().openapi({ description: "Only this monitor's incidents" }),
  cursor: z
    .string()
    .max(200)
    .regex(/^\d{1,15}\.[A-Za-z0-9_-]{1,100}$/, "is not a cursor from a previous page")
    .optional()
    .openapi({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

/**
 * An update's text: several lines are fine (LF; CRLF is read as LF), other control characters
 * and the bidirectional overrides are refused, as in names: it is shown to the public.
 */
export const UpdateBodySchema = z
  .object({
    body: z
      .string()
      .transform((text) => text.replace(/\r\n/g, "\n").trim())
      .pipe(
        z
          .string()
          .min(1, "must not be empty")
          .max(INCIDENT_UPDATE_MAX, `must be at most ${INCIDENT_UPDATE_MAX} characters`)
          .refine(
            (text) => !hasUnprintable(text.replace(/\n/g, " ")),
            "must not contain control characters (line breaks are fine)",
          ),
      )
      .openapi({ type: "string", maxLength: INCIDENT_UPDATE_MAX, example: "We restarted the SBC; watching." }),
    public: z.boolean().default(false).openapi({ description: "Shown on the organisation's public status pages" }),
  })
  .openapi("IncidentUpdateInput");

const FindingSchema = z.object({
  id: z.string(),
  subject: z.string(),
  title: z.string(),
  fix: z.string(),
  vantageIds: z.array(z.string()),
});

export const IncidentSchema = z
  .object({
    id: z.string().openapi({ example: "inc_3f2a9c0d1e4b5a6978877665544332211" }),
    monitorId: z.string(),
    monitorName: z.string(),
    status: z.enum(STATUSES),
    title: z.string(),
    findings: z.array(FindingSchema),
    vantageIds: z.array(z.string()),
    openedAt: z.iso.datetime(),
    acknowledgedAt: z.iso.datetime().nullable(),
    acknowledgedBy: z.string().nullable(),
    resolvedAt: z.iso.datetime().nullable(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Incident");

export const IncidentEventSchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    kind: z.enum(["opened", "acknowledged", "update", "resolved", "reopened", "muted", "unmuted"]),
    author: z.string().openapi({ description: '"system" (the alert policy), a user id, or "token:<id>"' }),
    authorName: z.string().nullable().openapi({ description: "The person's name, when a person wrote it" }),
    body: z.string().nullable(),
    public: z.boolean(),
  })
  .openapi("IncidentEvent");

export const IncidentDetailSchema = IncidentSchema.extend({ events: z.array(IncidentEventSchema) }).openapi(
  "IncidentDetail",
);

export const IncidentListSchema = z
  .object({ incidents: z.array(IncidentSchema), nextCursor: z.string().nullable() })
  .openapi("IncidentList");

export const toIncident = (row: IncidentRow, monitorName: string): z.infer<typeof IncidentSchema> => ({
  id: row.id,
  monitorId: row.monitorId,
  monitorName,
  status: row.status,
  title: row.title,
  findings: row.findings,
  vantageIds: row.vantageIds,
  openedAt: new Date(row.openedAt).toISOString(),
  acknowledgedAt: iso(row.acknowledgedAt),
  acknowledgedBy: row.acknowledgedBy,
  resolvedAt: iso(row.resolvedAt),
  updatedAt: new Date(row.updatedAt).toISOString(),
});

export const toIncidentEvent = (
  row: IncidentEventRow,
  authorName: string | null,
): z.infer<typeof IncidentEventSchema> => ({
  id: row.id,
  at: new Date(row.at).toISOString(),
  kind: row.kind,
  author: row.author,
  authorName,
  body: row.body,
  public: row.public,
});

export const cursorOf = (row: Pick<IncidentRow, "openedAt" | "id">) => `${row.openedAt}.${row.id}`;

export function parseCursor(cursor: string): { openedAt: number; id: string } {
  const dot = cursor.indexOf(".");
  return { openedAt: Number(cursor.slice(0, dot)), id: cursor.slice(dot + 1) };
}
