import type { Finding, RecordSet, RunSummary, SipResolution } from "@sipwatch/core";

/** One monitor the server asks this agent to audit (GET /api/v1/agent/jobs). */
export interface AgentJob {
  monitorId: string;
  target: string;
  expectedTransports: string[];
  slowMs: number;
}

export interface AgentJobs {
  jobs: AgentJob[];
  intervalSeconds: number;
}

/** One audit as POST /api/v1/agent/reports takes it; reportId is the idempotency key. */
export interface AgentReport {
  reportId: string;
  monitorId: string;
  startedAt: number;
  durationMs: number;
  summary: RunSummary;
  recordSets: RecordSet[] | null;
  hash: string | null;
  resolution: SipResolution | null;
  findings: Finding[];
}

export type ReportOutcome =
  | { reportId: string; status: "stored" | "duplicate" }
  | { reportId: string; status: "rejected"; reason: string };

/** `status` is the HTTP status when the server answered with an error. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string; status?: number };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The jobs answer, checked field by field: a server bug or a proxy's HTML page is an error value, not a crash. */
export function parseJobs(body: unknown): Parsed<AgentJobs> {
  if (!isRecord(body) || !Array.isArray(body.jobs)) return { ok: false, error: "jobs: expected { jobs: [...] }" };
  const jobs: AgentJob[] = [];
  for (const [i, job] of body.jobs.entries()) {
    if (
      !isRecord(job) ||
      typeof job.monitorId !== "string" ||
      typeof job.target !== "string" ||
      !Array.isArray(job.expectedTransports) ||
      typeof job.slowMs !== "number"
    ) {
      return { ok: false, error: `jobs.${i}: expected monitorId, target, expectedTransports and slowMs` };
    }
    jobs.push({
      monitorId: job.monitorId,
      target: job.target,
      expectedTransports: job.expectedTransports.filter((t): t is string => typeof t === "string"),
      slowMs: job.slowMs,
    });
  }
  const interval = typeof body.intervalSeconds === "number" && body.intervalSeconds >= 10 ? body.intervalSeconds : 60;
  return { ok: true, value: { jobs, intervalSeconds: interval } };
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
