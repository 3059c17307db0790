import type { AuditOutcome, ResponseHandling } from "@sipwatch/core";

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
  /** Which OPTIONS and REGISTER statuses the monitor counts as up or as maintenance. */
  responseHandling?: ResponseHandling;
  /** The monitor's test account without a password; "agent": the password is in this agent's config file. */
  registration?: JobRegistration;
}

export interface JobRegistration {
  source: "stored" | "agent";
  user: string;
  authUser: string | null;
  domain: string | null;
  expectContact: "as-sent" | "rewritten";
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
    const registration = registrationOf(job.registration);
    const handling = isRecord(job.responseHandling) ? responseHandlingOf(job.responseHandling) : undefined;
    jobs.push({
      ...(registration ? { registration } : {}),
      ...(handling ? { responseHandling: handling } : {}),
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

const statuses = (v: unknown) =>
  Array.isArray(v) ? v.filter((n): n is number => Number.isInteger(n) && n >= 300 && n <= 699) : [];

/** A job's response handling, keeping only well-formed statuses (an older server sends none). */
function responseHandlingOf(raw: Record<string, unknown>): ResponseHandling {
  const method = (v: unknown) =>
    isRecord(v)
      ? { upStatuses: statuses(v.upStatuses), maintenanceStatuses: statuses(v.maintenanceStatuses) }
      : { upStatuses: [], maintenanceStatuses: [] };
  return { options: method(raw.options), register: method(raw.register) };
}

/** A job's test account, or undefined for none or for one this agent cannot read. */
function registrationOf(raw: unknown): JobRegistration | undefined {
  if (!isRecord(raw) || (raw.source !== "stored" && raw.source !== "agent") || typeof raw.user !== "string")
    return undefined;
  const text = (v: unknown) => (typeof v === "string" && v ? v : null);
  return {
    source: raw.source,
    user: raw.user,
    authUser: text(raw.authUser),
    domain: text(raw.domain),
    expectContact: raw.expectContact === "rewritten" ? "rewritten" : "as-sent",
  };
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
