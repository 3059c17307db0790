import type { AuditOutcome } from "@sipwatch/core";

/** One monitor the server asks this agent to audit (GET /api/v1/agent/jobs). */
export interface AgentJob {
  monitorId: string;
  target: string;
  expectedTransports: string[];
  slowMs: number;
  /** Audit at most this often; a server that does not say gets its poll interval. */
  intervalSeconds: number;
  /** Due at times t where (t + phaseSeconds) % intervalSeconds == 0: the edge's slots. */
  phaseSeconds: number;
}

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
export interface AgentReport extends AuditOutcome {
  reportId: string;
  monitorId: string;
  startedAt: number;
}

export type ReportOutcome =
  | { reportId: string; status: "stored" | "duplicate" }
  | { reportId: string; status: "rejected"; reason: string };

/** `status` is the HTTP status when the server answered with an error. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; status?: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

const positive = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v > 0;

/** One page of the jobs answer, checked field by field: a server bug or a proxy's HTML page is an error value, not a crash. */
export function parseJobsPage(body: unknown): Parsed<AgentJobsPage> {
  if (!isRecord(body) || !Array.isArray(body.jobs)) return { ok: false, error: "jobs: expected { jobs: [...] }" };
  const interval = typeof body.intervalSeconds === "number" && body.intervalSeconds >= 10 ? body.intervalSeconds : 60;
  const nextCursor = body.nextCursor ?? null;
  if (nextCursor !== null && (typeof nextCursor !== "string" || nextCursor.length === 0 || nextCursor.length > 200)) {
    return { ok: false, error: "jobs: nextCursor must be a short string or null" };
  }
  const jobs: AgentJob[] = [];
  for (const [i, job] of body.jobs.entries()) {
    if (
      !isRecord(job) ||
      typeof job.monitorId !== "string" ||
      typeof job.target !== "string" ||
      !Array.isArray(job.expectedTransports) ||
      typeof job.slowMs !== "number" ||
      (job.intervalSeconds !== undefined && !positive(job.intervalSeconds)) ||
      (job.phaseSeconds !== undefined && (typeof job.phaseSeconds !== "number" || !Number.isFinite(job.phaseSeconds)))
    ) {
      return {
        ok: false,
        error: `jobs.${i}: expected monitorId, target, expectedTransports and slowMs (and a positive intervalSeconds)`,
      };
    }
    jobs.push({
      monitorId: job.monitorId,
      target: job.target,
      expectedTransports: job.expectedTransports.filter((t): t is string => typeof t === "string"),
      slowMs: job.slowMs,
      intervalSeconds: positive(job.intervalSeconds) ? job.intervalSeconds : interval,
      phaseSeconds: typeof job.phaseSeconds === "number" ? job.phaseSeconds : 0,
    });
  }
  return { ok: true, value: { jobs, intervalSeconds: interval, nextCursor } };
}

/** The reports answer: one outcome per report sent. */
export function parseOutcomes(body: unknown): Parsed<ReportOutcome[]> {
  if (!isRecord(body) || !Array.isArray(body.results)) return { ok: false, error: "expected { results: [...] }" };
  const out: ReportOutcome[] = [];
  for (const r of body.results) {
    if (!isRecord(r) || typeof r.reportId !== "string") return { ok: false, error: "a result without reportId" };
    if (r.status === "stored" || r.status === "duplicate") out.push({ reportId: r.reportId, status: r.status });
    else if (r.status === "rejected") out.push({ reportId: r.reportId, status: "rejected", reason: String(r.reason) });
    else return { ok: false, error: `unknown status ${String(r.status)}` };
  }
  return { ok: true, value: out };
}
