import { z } from "@hono/zod-openapi";
import { FINDING_IDS, type FindingId } from "@sipwatch/core";
import { FINDING_EVIDENCE } from "@sipwatch/core/contract";
import { MuteBriefSchema } from "./mute-schemas";

/**
 * Findings in the OpenAPI document, their evidence typed by id from core's FINDING_EVIDENCE.
 * Each evidence schema is one named component ("Evidence.dns.srv.target-cname"), referenced
 * by the audit findings of a run and by stored findings alike, so the document lists each
 * shape once.
 */
const EVIDENCE = Object.fromEntries(
  FINDING_IDS.map((id) => [id, FINDING_EVIDENCE[id].openapi(`Evidence.${id}`)]),
) as unknown as typeof FINDING_EVIDENCE;

const findingText = {
  severity: z.enum(["critical", "warning", "info"]),
  title: z.string(),
  detail: z.string(),
  fix: z.string(),
  subject: z.string(),
};

type AuditFindingMember = {
  [I in FindingId]: z.ZodObject<typeof findingText & { id: z.ZodLiteral<I>; evidence: (typeof FINDING_EVIDENCE)[I] }>;
}[FindingId];

/** A finding as a rule wrote it in a run (the run-now answer). */
export const AuditFindingOutputSchema = z
  .discriminatedUnion(
    "id",
    // One member per registry id; map() cannot keep each member's own literal type, hence the tuple type.
    FINDING_IDS.map((id) => z.object({ ...findingText, id: z.literal(id), evidence: EVIDENCE[id] })) as unknown as [
      AuditFindingMember,
      ...AuditFindingMember[],
    ],
  )
  .openapi("AuditFinding");

const storedFinding = {
  ...findingText,
  vantageId: z.string(),
  openedAt: z.number().int(),
  /** The latest run while open; the last run that saw it once resolved. */
  lastSeenAt: z.number().int().nullable(),
  resolvedAt: z.number().int().nullable(),
  /** In the latest report: the mute in force that keeps it from counting, or null. */
  mute: MuteBriefSchema.nullable().optional().openapi({
    description: "Latest report only: the mute in force; a muted finding neither alerts nor lowers the status",
  }),
};

type StoredFindingMember = {
  [I in FindingId]: z.ZodObject<
    typeof storedFinding & { findingId: z.ZodLiteral<I>; evidence: (typeof FINDING_EVIDENCE)[I] }
  >;
}[FindingId];

/**
 * A stored finding, its evidence typed by its id: API users and the dashboard read each finding's
 * own shape. Agents' findings are checked against these as they arrive (agent-protocol.ts); the
 * report routes leave out (and log) an older row that does not match.
 */
export const FindingSchema = z
  .discriminatedUnion(
    "findingId",
    FINDING_IDS.map((id) =>
      z.object({ ...storedFinding, findingId: z.literal(id), evidence: EVIDENCE[id] }),
    ) as unknown as [StoredFindingMember, ...StoredFindingMember[]],
  )
  .openapi("Finding");
