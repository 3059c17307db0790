import { z } from "@hono/zod-openapi";
import {
  AgentJobSchema as CoreAgentJobSchema,
  AgentJobsPageSchema as CoreAgentJobsPageSchema,
  type AgentReport as CoreAgentReport,
  AgentReportBatchSchema as CoreAgentReportBatchSchema,
  RecordSetSchema as CoreRecordSetSchema,
  ReportOutcomeSchema as CoreReportOutcomeSchema,
  ReportOutcomesSchema as CoreReportOutcomesSchema,
  RunSummarySchema as CoreRunSummarySchema,
  SipResolutionSchema as CoreSipResolutionSchema,
} from "@sipwatch/core/contract";

/**
 * The agent protocol's shapes are core's (core/src/contract/agent-protocol.ts), the same schemas
 * the agent parses the answers with; here they only get their names in the OpenAPI document.
 */
export const RunSummarySchema = CoreRunSummarySchema.openapi("RunSummary");
export const RecordSetSchema = CoreRecordSetSchema.openapi("RecordSet");
export const SipResolutionSchema = CoreSipResolutionSchema.openapi("SipResolution");
export const AgentJobSchema = CoreAgentJobSchema.openapi("AgentJob");
export const AgentJobsPageSchema = CoreAgentJobsPageSchema.openapi("AgentJobsPage");
export const AgentReportBatchSchema = CoreAgentReportBatchSchema.openapi("AgentReportBatch");
export const ReportOutcomeSchema = CoreReportOutcomeSchema.openapi("AgentReportOutcome");
export const ReportOutcomesSchema = CoreReportOutcomesSchema.openapi("AgentReportOutcomes");
export type AgentReport = CoreAgentReport;

/** Most jobs one page may carry; an agent pages through the rest. */
export const AGENT_JOBS_MAX_LIMIT = 500;

export const AgentJobsQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(AGENT_JOBS_MAX_LIMIT)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
  // The cursor is the last monitor id of the previous page; anything else is a client bug,
  // said plainly rather than answered with an empty page the agent would take for "no jobs".
  cursor: z
    .string()
    .regex(/^mon_[A-Za-z0-9_-]{1,64}$/, "is not a jobs cursor: pass nextCursor from the previous page")
    .optional()
    .openapi({ param: { name: "cursor", in: "query" } }),
});

/** Most bytes a batch of reports may take. */
export const AGENT_REPORTS_MAX_BYTES = 1024 * 1024;
