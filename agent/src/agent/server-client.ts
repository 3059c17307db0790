import {
  type AgentJobs,
  type AgentReport,
  type Parsed,
  parseJobsPage,
  parseOutcomes,
  type ReportOutcome,
} from "./protocol";

/** Bounds the server's body limit (1 MB) leaves room under. */
export const MAX_BATCH_REPORTS = 100;
export const MAX_BATCH_BYTES = 900 * 1024;

const REQUEST_TIMEOUT_MS = 30_000;

/** The server's largest page; fewer requests for a big fleet. */
export const JOBS_PAGE_SIZE = 500;
/**
 * More jobs than any organisation has (fleets are designed for 10,000 monitors): a server
 * that keeps handing out pages is broken, and the agent keeps its last good list instead.
 */
export const MAX_JOBS = 20_000;
/** A server may send smaller pages than asked for, but not endlessly (one repeating its jobs under new cursors). */
export const MAX_JOB_PAGES = 100;

/** The sipwatch server as the agent sees it: jobs in, reports out. Failures are values. */
export class ServerClient {
  constructor(
    private readonly server: string,
    private readonly token: string,
    private readonly version: string,
  ) {}

  /** Every page of jobs, or an error (then the caller keeps its last complete list). */
  async jobs(): Promise<Parsed<AgentJobs>> {
    const jobs = new Map<string, AgentJobs["jobs"][number]>();
    let cursor: string | null = null;
    for (let page = 1; ; page++) {
      const query = `limit=${JOBS_PAGE_SIZE}${cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`}`;
      const answer = await this.request("GET", `/api/v1/agent/jobs?${query}`);
      if (!answer.ok) return answer;
      const parsed = parseJobsPage(answer.value);
      if (!parsed.ok) return page === 1 ? parsed : { ok: false, error: `page ${page}: ${parsed.error}` };
      // A job repeated on a later page is the same monitor, audited once.
      for (const job of parsed.value.jobs) jobs.set(job.monitorId, job);
      if (jobs.size > MAX_JOBS)
        return { ok: false, error: `jobs: more than ${MAX_JOBS} jobs; not auditing a partial list` };
      const next = parsed.value.nextCursor;
      if (next === null)
        return { ok: true, value: { jobs: [...jobs.values()], intervalSeconds: parsed.value.intervalSeconds } };
      if (next === cursor || parsed.value.jobs.length === 0) {
        return { ok: false, error: `jobs: page ${page} does not move on (cursor ${next.slice(0, 80)})` };
      }
      if (page >= MAX_JOB_PAGES) return { ok: false, error: `jobs: more than ${MAX_JOB_PAGES} pages` };
      cursor = next;
    }
  }

  async send(reports: readonly AgentReport[]): Promise<Parsed<ReportOutcome[]>> {
    const answer = await this.request("POST", "/api/v1/agent/reports", { reports });
    return answer.ok ? parseOutcomes(answer.value) : answer;
  }

  private async request(method: string, path: string, body?: unknown): Promise<Parsed<unknown>> {
    try {
      const response = await fetch(new URL(path, this.server), {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          "x-sipwatch-agent-version": this.version,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await response.text();
      if (!response.ok) {
        return {
          ok: false,
          status: response.status,
          error: `${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`,
        };
      }
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch {
        return { ok: false, error: `${method} ${path}: the answer is not JSON` };
      }
    } catch (error) {
      return { ok: false, error: `${method} ${path}: ${networkError(error)}` };
    }
  }
}

/** fetch() says only "fetch failed"; the reason (ECONNREFUSED, a DNS failure, a timeout) is in its cause. */
function networkError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message;
}

/** Splits the queue's oldest reports into what one request may carry (count and bytes). */
export function firstBatch(reports: readonly AgentReport[], maxReports = MAX_BATCH_REPORTS): AgentReport[] {
  const batch: AgentReport[] = [];
  let bytes = 0;
  for (const report of reports.slice(0, maxReports)) {
    const size = JSON.stringify(report).length;
    if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
    batch.push(report);
    bytes += size;
  }
  return batch;
}
