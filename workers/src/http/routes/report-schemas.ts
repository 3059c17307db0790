import { z } from "@hono/zod-openapi";
import { RecordSetSchema, RunSummarySchema, SipResolutionSchema } from "./agent-report-schemas";
import { AuditFindingOutputSchema, FindingSchema } from "./finding-schemas";
import { PhoneProfileSchema } from "./phone-schemas";

export { AuditFindingOutputSchema, FindingSchema };

/** Shapes of the report responses: the summary, record sets and resolution tree are core's schemas. */

export const MonitorParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: "id", in: "path" }, example: "mon_123" }),
});

const Json = z.record(z.string(), z.unknown());

export const RunSchema = z
  .object({
    vantageId: z.string(),
    startedAt: z.number().int(),
    durationMs: z.number().int(),
    status: z.string(),
    summary: RunSummarySchema,
  })
  .openapi("Run");

/** Runs of one vantage with one outcome: the run list shows "unchanged for 3 h, 180 runs" and each change. */
export const SpanSchema = z
  .object({
    vantageId: z.string(),
    /** The span's first and last run. */
    from: z.number().int(),
    to: z.number().int(),
    runs: z.number().int(),
    status: z.string(),
    /** The first run's duration and summary: the change that opened the span. */
    durationMs: z.number().int(),
    summary: Json,
    /** Still the vantage's current outcome. */
    open: z.boolean(),
  })
  .openapi("Span");

export const VantageReportSchema = z
  .object({
    vantageId: z.string(),
    /** The run's status with muted findings not counted; run.status stays what the audit found. */
    status: z.enum(["ok", "warning", "critical", "error"]).openapi({
      description: "The run's status with muted findings not counted (run.status is what the audit found)",
    }),
    run: RunSchema,
    /** Since when this vantage has seen the same outcome, over how many runs (this one included). */
    unchanged: z.object({ since: z.number().int(), runs: z.number().int() }),
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

export const SpansQuery = z.object({
  from: z.coerce.number().int().optional().openapi({ description: "epoch ms, default 24 h ago" }),
  to: z.coerce.number().int().optional().openapi({ description: "epoch ms, default now" }),
});

export const RollupBucketSchema = z
  .object({
    vantageId: z.string(),
    transport: z.string(),
    bucketStart: z.number().int(),
    runs: z.number().int(),
    successes: z.number().int(),
    /** Round-trip percentiles from the bucket's histogram (within 5%); p50/p95 only for rows kept from before histograms. */
    p50Ms: z.number().nullable(),
    p95Ms: z.number().nullable(),
    p99Ms: z.number().nullable(),
    meanMs: z.number().nullable(),
  })
  .openapi("RollupBucket");

export const RollupsQuery = z.object({ window: z.enum(["24h", "7d", "90d"]).default("24h") });

const RecordSetChangeSchema = z.object({
  name: z.string(),
  type: z.string(),
  before: RecordSetSchema,
  after: RecordSetSchema,
  /** RDATA present only after / only before. */
  added: z.array(z.string()),
  removed: z.array(z.string()),
});

/** One DNS snapshot of a vantage and what it changed against the one before (core's diffRecordSets). */
export const DnsChangeSchema = z
  .object({
    snapshotId: z.number().int(),
    vantageId: z.string(),
    takenAt: z.number().int(),
    hash: z.string(),
    recordSets: z.array(RecordSetSchema),
    /** Null for the first snapshot of a vantage: the baseline. */
    diff: z
      .object({
        added: z.array(RecordSetSchema),
        removed: z.array(RecordSetSchema),
        changed: z.array(RecordSetChangeSchema),
      })
      .nullable(),
  })
  .openapi("DnsChange");
