import {
  AgentJobsPageSchema,
  type AgentReport as AgentReportShape,
  type AgentJob as ContractJob,
  type ReportOutcome as ContractOutcome,
  ReportOutcomesSchema,
} from "@sipwatch/core/contract";
import { z } from "zod";

/**
 * The agent protocol's shapes and checks are core's (core/src/contract/agent-protocol.ts), the
 * same schemas the Worker answers and validates with. A server bug or a proxy's HTML page is an
 * error value naming the field, not a crash.
 */

/** One monitor the server asks this agent to audit (GET /api/v1/agent/jobs). */
export type AgentJob = ContractJob;

export interface AgentJobs {
  jobs: AgentJob[];
  /** How often to fetch the jobs again. */
  intervalSeconds: number;
}

/** One page of GET /api/v1/agent/jobs. */
export interface AgentJobsPage extends AgentJobs {
  nextCursor: string | null;
}

/** One audit as POST /api/v1/agent/reports takes it; reportId is the idempotency key. */
export type AgentReport = AgentReportShape;

export type ReportOutcome = ContractOutcome;

/** `status` is the HTTP status when the server answered with an error. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; status?: number };

const DEFAULT_POLL_SECONDS = 60;

// Servers that predate per-job intervals send neither intervalSeconds nor phaseSeconds (a job
// then runs at the poll interval, in no particular slot), nor a cursor (one page).
const LenientPage = AgentJobsPageSchema.extend({
  jobs: AgentJobsPageSchema.shape.jobs.element
    .partial({ intervalSeconds: true, phaseSeconds: true })
    // The agent's own tolerance: a target the contract refuses (longer than a monitor's may be)
    // is still audited, and its report says what is wrong with it, instead of the page failing.
    .extend({ target: z.string().min(1).max(1_000_000) })
    .array()
    .max(1000),
  intervalSeconds: AgentJobsPageSchema.shape.intervalSeconds.optional(),
  nextCursor: AgentJobsPageSchema.shape.nextCursor.optional(),
});

/** "jobs.0.monitorId: Invalid input: expected string, received number". */
const firstProblem = (error: z.ZodError, what: string) => {
  const issue = error.issues[0];
  const path = issue?.path.join(".") || what;
  return `${path}: ${issue?.message ?? "not what the protocol says"}`;
};

/** One page of the jobs answer, checked against the protocol's schema. */
export function parseJobsPage(body: unknown): Parsed<AgentJobsPage> {
  const parsed = LenientPage.safeParse(body);
  if (!parsed.success) return { ok: false, error: firstProblem(parsed.error, "jobs") };
  const interval = parsed.data.intervalSeconds ?? DEFAULT_POLL_SECONDS;
  const jobs: AgentJob[] = parsed.data.jobs.map((job) => ({
    ...job,
    intervalSeconds: job.intervalSeconds ?? interval,
    phaseSeconds: job.phaseSeconds ?? 0,
  }));
  return { ok: true, value: { jobs, intervalSeconds: interval, nextCursor: parsed.data.nextCursor ?? null } };
}

/** The reports answer: one outcome per report sent. */
export function parseOutcomes(body: unknown): Parsed<ReportOutcome[]> {
  const parsed = ReportOutcomesSchema.safeParse(body);
  return parsed.success
    ? { ok: true, value: parsed.data.results }
    : { ok: false, error: firstProblem(parsed.error, "results") };
}
