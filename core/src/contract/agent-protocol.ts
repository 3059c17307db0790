import { z } from "zod";
import { MONITOR_TRANSPORTS } from "../catalogue/monitor-rules";
import { AgentFindingSchema, RecordSetSchema, RunSummarySchema } from "./audit-shapes";
import { SipResolutionSchema } from "./resolution-schema";

/**
 * The agent protocol, one schema for both sides: the Worker answers GET /api/v1/agent/jobs and
 * checks POST /api/v1/agent/reports with these, and the agent parses the answers with them.
 */

/** One monitor the server asks an agent to audit. */
const ResponseHandlingSchema = z.object({
  options: z.object({
    upStatuses: z.array(z.number().int().min(100).max(699)).max(50),
    maintenanceStatuses: z.array(z.number().int().min(100).max(699)).max(50),
  }),
  register: z.object({
    upStatuses: z.array(z.number().int().min(100).max(699)).max(50),
    maintenanceStatuses: z.array(z.number().int().min(100).max(699)).max(50),
  }),
});

export const AgentJobSchema = z.object({
  monitorId: z.string().min(1).max(100),
  target: z.string().min(1).max(2048),
  expectedTransports: z.array(z.enum(MONITOR_TRANSPORTS)).max(10),
  slowMs: z.number().int().min(1).max(600_000),
  // Numbers, not whole ones: the Worker sends minutes times 60, test servers fractions of a second.
  intervalSeconds: z.number().positive().max(86_400).describe("Audit this monitor at most this often"),
  phaseSeconds: z
    .number()
    .min(0)
    .max(86_400)
    .describe(
      "The monitor is due at times t (epoch seconds) where (t + phaseSeconds) % intervalSeconds == 0, the edge's slots",
    ),
  // Optional: servers before registration probes send neither.
  responseHandling: ResponseHandlingSchema.optional().describe(
    "Which OPTIONS and REGISTER statuses count as up or as maintenance",
  ),
  registration: z
    .object({
      source: z
        .enum(["stored", "agent"])
        .describe(
          '"agent": register with the password in this agent\'s configuration file; "stored": the regions register, the agent does not (no password is ever sent to agents)',
        ),
      user: z.string().min(1).max(256),
      authUser: z.string().max(256).nullable(),
      domain: z.string().max(256).nullable(),
      // Optional: servers before outbound proxies send none.
      outboundProxy: z
        .string()
        .max(300)
        .nullable()
        .optional()
        .describe("Where REGISTER goes first, as a SIP URI; the agent's own configuration may override it"),
      expectContact: z.enum(["as-sent", "rewritten"]),
    })
    .nullable()
    .optional()
    .describe("The monitor's SIP test account, without any password; null when it has none"),
});

/** One page of GET /api/v1/agent/jobs. */
export const AgentJobsPageSchema = z.object({
  jobs: z.array(AgentJobSchema).max(1000),
  intervalSeconds: z.number().int().min(10).max(86_400).describe("How often to fetch the jobs again"),
  nextCursor: z.string().min(1).max(200).nullable().describe("Pass as `cursor` for the next page; null on the last"),
});

/** One audit as an agent posts it; reportId is the idempotency key. */
export const AgentReportSchema = z.object({
  reportId: z.uuid(),
  monitorId: z.string().min(1).max(100),
  startedAt: z.number().int().min(0),
  durationMs: z.number().int().min(0).max(86_400_000),
  summary: RunSummarySchema,
  recordSets: z.array(RecordSetSchema).max(500).nullable(),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "is not a SHA-256 hex digest")
    .nullable(),
  resolution: SipResolutionSchema.nullable(),
  findings: z
    .array(AgentFindingSchema)
    .max(200)
    .describe("Each finding's evidence must match its id's (AuditFinding); one that does not is dropped with a note"),
});

export const AgentReportBatchSchema = z.object({ reports: z.array(AgentReportSchema).min(1).max(100) });

export const ReportOutcomeSchema = z.discriminatedUnion("status", [
  z.object({
    reportId: z.string().max(100),
    status: z.enum(["stored", "duplicate"]),
    notes: z.array(z.string().max(4000)).max(200).optional().describe("What was left out of a stored report, and why"),
  }),
  z.object({ reportId: z.string().max(100), status: z.literal("rejected"), reason: z.string().max(4000) }),
]);

export const ReportOutcomesSchema = z.object({ results: z.array(ReportOutcomeSchema).max(100) });

export type AgentJob = z.infer<typeof AgentJobSchema>;
export type AgentJobsPage = z.infer<typeof AgentJobsPageSchema>;
export type AgentReport = z.infer<typeof AgentReportSchema>;
export type ReportOutcome = z.infer<typeof ReportOutcomeSchema>;
