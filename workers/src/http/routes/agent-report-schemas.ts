import { z } from "@hono/zod-openapi";
import { PROFILE_IDS } from "@sipwatch/core";
import { boundedJsonObject, type JsonBounds } from "./bounded-json";

/**
 * What an agent may send, bounded everywhere: an agent runs on a customer's network and its
 * token can leak, so a report is validated as strictly as a form. Trees the server only stores
 * and returns (the resolution, a finding's evidence) stay open objects, bounded in depth, keys,
 * strings and arrays: one stored report must not be able to break its monitor's report page.
 */

const text = (max: number) => z.string().max(max);

/** Evidence is a few facts (addresses, ports, a certificate's names); the discovery tree is deeper. */
export const EVIDENCE_BOUNDS: JsonBounds = {
  maxDepth: 8,
  maxKeys: 50,
  maxKeyLength: 100,
  maxStringLength: 4000,
  maxArrayLength: 200,
  maxNodes: 5000,
};
export const RESOLUTION_BOUNDS: JsonBounds = {
  maxDepth: 24,
  maxKeys: 50,
  maxKeyLength: 100,
  maxStringLength: 4000,
  maxArrayLength: 500,
  maxNodes: 50_000,
};
const ms = z.number().int().min(0).max(86_400_000);
const TRANSPORTS = ["udp", "tcp", "tls", "sctp", "tls-sctp", "ws", "wss"] as const;
const SEVERITIES = ["critical", "warning", "info"] as const;

const TargetSummarySchema = z.object({
  transport: z.enum(TRANSPORTS),
  host: text(255),
  port: z.number().int().min(0).max(65_535),
  address: text(64),
  outcome: text(64),
  connectMs: ms.nullable(),
  sipMs: ms.nullable(),
  sipStatus: z.number().int().min(100).max(699).nullable(),
  certDaysLeft: z.number().int().min(-100_000).max(100_000).nullable(),
  register: z
    .object({ outcome: text(64), status: z.number().int().min(100).max(699).nullable(), ms: ms.nullable() })
    .optional(),
});

export const RunSummarySchema = z.object({
  v: z.literal(1),
  status: z.enum(["ok", "critical", "warning", "error"]),
  transports: z.partialRecord(z.enum(TRANSPORTS), z.object({ ok: z.boolean(), ms: ms.nullable() })),
  targets: z.array(TargetSummarySchema).max(200),
  profiles: z
    .array(
      z.object({
        profile: z.enum(PROFILE_IDS),
        final: text(300).nullable(),
        delayed: z.boolean(),
        changedTransport: z.boolean().optional(),
      }),
    )
    .max(20),
  certDaysLeft: z.number().int().min(-100_000).max(100_000).nullable(),
  findings: z.object({
    critical: z.number().int().min(0).max(10_000),
    warning: z.number().int().min(0).max(10_000),
    info: z.number().int().min(0).max(10_000),
  }),
  error: text(4000).optional(),
});

const RecordSetSchema = z.object({
  name: text(255),
  type: text(16),
  data: z.array(text(4000)).max(200),
  status: text(32),
});

const ReportedFindingSchema = z.object({
  id: z.string().regex(/^[a-z0-9.-]{1,80}$/, "is not a finding id"),
  severity: z.enum(SEVERITIES),
  title: text(1000),
  detail: text(20_000),
  fix: text(4000),
  subject: text(1000),
  evidence: boundedJsonObject(EVIDENCE_BOUNDS),
});

export const AgentReportSchema = z.object({
  reportId: z.uuid(),
  monitorId: z.string().min(1).max(100),
  startedAt: z.number().int().min(0),
  durationMs: ms,
  summary: RunSummarySchema,
  recordSets: z.array(RecordSetSchema).max(500).nullable(),
  hash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "is not a SHA-256 hex digest")
    .nullable(),
  resolution: boundedJsonObject(RESOLUTION_BOUNDS).nullable(),
  findings: z.array(ReportedFindingSchema).max(200),
});

export type AgentReport = z.infer<typeof AgentReportSchema>;

export const AgentReportBatchSchema = z.object({ reports: z.array(AgentReportSchema).min(1).max(100) });

export const ReportOutcomeSchema = z
  .object({
    reportId: z.string(),
    status: z.enum(["stored", "duplicate", "rejected"]),
    reason: z.string().optional(),
  })
  .openapi("AgentReportOutcome");

export const AgentJobSchema = z
  .object({
    monitorId: z.string(),
    target: z.string(),
    expectedTransports: z.array(z.string()),
    slowMs: z.number().int(),
    intervalSeconds: z.number().int().openapi({ description: "Audit this monitor at most this often" }),
    phaseSeconds: z.number().int().openapi({
      description:
        "The monitor is due at times t (epoch seconds) where (t + phaseSeconds) % intervalSeconds == 0, the edge's slots",
    }),
    responseHandling: z
      .object({
        options: z.object({ upStatuses: z.array(z.number().int()), maintenanceStatuses: z.array(z.number().int()) }),
        register: z.object({ upStatuses: z.array(z.number().int()), maintenanceStatuses: z.array(z.number().int()) }),
      })
      .openapi({ description: "Which OPTIONS and REGISTER statuses count as up or as maintenance" }),
    registration: z
      .object({
        source: z.enum(["stored", "agent"]).openapi({
          description:
            '"agent": register with the password in this agent\'s configuration file; "stored": the regions register, the agent does not (no password is ever sent to agents)',
        }),
        user: z.string(),
        authUser: z.string().nullable(),
        domain: z.string().nullable(),
        expectContact: z.enum(["as-sent", "rewritten"]),
      })
      .nullable()
      .openapi({ description: "The monitor's SIP test account, without any password; null when it has none" }),
  })
  .openapi("AgentJob");

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
