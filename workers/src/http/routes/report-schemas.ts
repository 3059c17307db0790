import { z } from "@hono/zod-openapi";
import {
  AuditFindingOutputSchema,
  RecordSetSchema,
  RunSummarySchema,
  SipResolutionSchema,
} from "./agent-report-schemas";
import { PhoneProfileSchema } from "./phone-schemas";

/** Shapes of the report responses: the summary, record sets and resolution tree are core's schemas. */

export const MonitorParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" }, example: "mon_123" }),
});

const Json = z.record(z.string(), z.unknown());

export const FindingSchema = z
  .object({
    vantageId: z.string(),
    findingId: z.string(),
    subject: z.string(),
    severity: z.enum(["critical", "warning", "info"]),
    title: z.string(),
    detail: z.string(),
    fix: z.string(),
    evidence: Json,
    openedAt: z.number().int(),
    /** The latest run while open; the last run that saw it once resolved. */
    lastSeenAt: z.number().int().nullable(),
    resolvedAt: z.number().int().nullable(),
  })
  .openapi("Finding");

export const RunSchema = z
  .object({
    vantageId: z.string(),
    startedAt: z.number().int(),
    durationMs: z.number().int(),
    status: z.string(),
    summary: RunSummarySchema,
  })
  .openapi("Run");

export const VantageReportSchema = z
  .object({
    vantageId: z.string(),
    run: RunSchema,
    dns: z
      .object({
        snapshotId: z.number().int(),
        takenAt: z.number().int(),
        recordSets: z.array(RecordSetSchema),
        resolution: SipResolutionSchema.nullable(),
      })
      .nullable(),
    findings: z.array(FindingSchema),
    /** What each modelled phone does from this vantage, replayed from the run and the DNS tree in force. */
    phones: z.array(PhoneProfileSchema),
  })
  .openapi("VantageReport");

export const ReportSchema = z
  .object({
    monitorId: z.string(),
    vantages: z.array(VantageReportSchema),
    /** Findings that compare regions (vantage "cross"). */
    crossVantage: z.array(FindingSchema),
  })
  .openapi("MonitorReport");

export const RunNowSchema = z
  .object({
    monitorId: z.string(),
    reports: z.array(
      z.object({
        vantageId: z.string(),
        startedAt: z.number().int(),
        durationMs: z.number().int(),
        summary: RunSummarySchema,
        recordSets: z.array(RecordSetSchema).nullable(),
        resolution: SipResolutionSchema.nullable(),
        findings: z.array(AuditFindingOutputSchema),
      }),
    ),
  })
  .openapi("RunNowResult");

export const RunsQuery = z.object({
  from: z.coerce.number().int().optional().openapi({ description: "epoch ms, default 24 h ago" }),
  to: z.coerce.number().int().optional().openapi({ description: "epoch ms, default now" }),
});

export const RollupsQuery = z.object({ window: z.enum(["24h", "7d", "90d"]).default("24h") });
