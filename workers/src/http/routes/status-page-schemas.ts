import { z } from "@hono/zod-openapi";
import { NAME_MAX, SLUG_PATTERN, SLUG_RULE, STATUS_PAGE_DESCRIPTION_MAX } from "@sipwatch/core";
import { STATUS_PAGE_MONITORS_MAX, type StatusPageRow } from "@sipwatch/db";
import { changesSomething } from "../router";
import { displayName, hasUnprintable } from "../text-fields";

/** Public text: bounded, no control characters or line breaks (refused here, escaped at output). */
const description = z
  .string()
  .trim()
  .max(STATUS_PAGE_DESCRIPTION_MAX)
  .refine((text) => !hasUnprintable(text), "must not contain control characters or line breaks");

const monitorIds = z
  .array(z.string().min(1).max(100))
  .max(STATUS_PAGE_MONITORS_MAX)
  .refine((ids) => new Set(ids).size === ids.length, "lists a monitor twice")
  .openapi({ description: "The monitors the page shows, in this order", example: ["mon_abc"] });

export const CreateStatusPageSchema = z
  .object({
    slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).openapi({ example: "acme-voice" }),
    title: displayName(NAME_MAX.statusPageTitle).openapi({ example: "Acme voice status" }),
    description: description.default("").openapi({ example: "Our SIP trunks and desk phones" }),
    monitorIds,
    enabled: z.boolean().default(true),
  })
  .openapi("CreateStatusPage");

export const UpdateStatusPageSchema = changesSomething(
  z
    .object({
      slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).optional(),
      title: displayName(NAME_MAX.statusPageTitle).optional(),
      description: description.optional(),
      monitorIds: monitorIds.optional(),
      enabled: z.boolean().optional(),
    })
    .openapi("UpdateStatusPage"),
);

export const StatusPageSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string(),
    monitorIds: z.array(z.string()),
    enabled: z.boolean(),
    /** Path of the public page on this host. */
    path: z.string().openapi({ example: "/pages/acme-voice" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("StatusPage");

export const StatusPageListSchema = z
  .object({
    pages: z.array(StatusPageSchema),
    defaultPagePath: z.string().openapi({
      description: "The organisation's default page: its public monitors (404 while it has none)",
      example: "/pages/org/acme",
    }),
  })
  .openapi("StatusPageList");

export const toStatusPage = (row: StatusPageRow): z.infer<typeof StatusPageSchema> => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  description: row.description,
  monitorIds: row.monitorIds,
  enabled: row.enabled,
  path: `/pages/${row.slug}`,
  createdAt: new Date(row.createdAt).toISOString(),
  updatedAt: new Date(row.updatedAt).toISOString(),
});
