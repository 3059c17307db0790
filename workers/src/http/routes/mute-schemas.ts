import { z } from "@hono/zod-openapi";
import { FINDING_IDS, type FindingId, MUTE_RULES, muteInForce } from "@sipwatch/core";
import type { FindingMuteView } from "@sipwatch/db";
import { IdParams } from "../router";
import { displayName } from "../text-fields";

/** Shapes of the finding mute API: the finding ids are the registry's, so the document lists them. */

export const CreateMuteSchema = z
  .object({
    findingId: z
      .enum(FINDING_IDS as [FindingId, ...FindingId[]])
      .openapi({ example: "dns.srv.single-target", description: "A finding id of the registry" }),
    subject: displayName(MUTE_RULES.subjectMax).nullable().optional().openapi({
      example: "_sip._udp.example.com",
      description: "The finding's subject; null or absent mutes every subject of the id",
    }),
    reason: displayName(MUTE_RULES.reasonMax).openapi({ example: "One SBC on purpose until the second site opens" }),
    expiresAt: z.iso
      .datetime({ offset: true })
      .nullable()
      .optional()
      .openapi({ example: "2027-01-31T00:00:00Z", description: "Null or absent: until someone ends it" }),
  })
  .openapi("CreateFindingMute");

export const MuteSchema = z
  .object({
    id: z.string(),
    monitorId: z.string(),
    findingId: z.string(),
    subject: z.string().nullable().openapi({ description: "null: every subject of the finding id" }),
    reason: z.string(),
    createdBy: z.string().openapi({ description: 'A user id, or "token" when an API token created it' }),
    createdByName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    endedAt: z.iso.datetime().nullable(),
    endedBy: z.string().nullable(),
    endedByName: z.string().nullable(),
    inForce: z.boolean().openapi({ description: "Not ended and not expired now" }),
  })
  .openapi("FindingMute");

/** What a report says of the mute that silences one of its findings. */
export const MuteBriefSchema = z
  .object({
    id: z.string(),
    reason: z.string(),
    createdBy: z.string(),
    createdByName: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    subject: z.string().nullable(),
  })
  .openapi("FindingMuteBrief");

export const MuteParams = IdParams.extend({
  muteId: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "muteId", in: "path" } }),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const toMute = (row: FindingMuteView, now: number): z.infer<typeof MuteSchema> => ({
  id: row.id,
  monitorId: row.monitorId,
  findingId: row.findingId,
  subject: row.subject,
  reason: row.reason,
  createdBy: row.createdBy,
  createdByName: row.createdByName,
  createdAt: new Date(row.createdAt).toISOString(),
  expiresAt: iso(row.expiresAt),
  endedAt: iso(row.endedAt),
  endedBy: row.endedBy,
  endedByName: row.endedByName,
  // An end is always written as "now": once ended, a mute is over whatever this request's clock says.
  inForce: row.endedAt === null && muteInForce(row, now),
});

export const toMuteBrief = (row: FindingMuteView): z.infer<typeof MuteBriefSchema> => ({
  id: row.id,
  reason: row.reason,
  createdBy: row.createdBy,
  createdByName: row.createdByName,
  createdAt: new Date(row.createdAt).toISOString(),
  expiresAt: iso(row.expiresAt),
  subject: row.subject,
});
