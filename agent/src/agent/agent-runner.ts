import { mapWithConcurrency } from "@sipwatch/core";
import type { AgentLog } from "./agent-log";
import { backoffDelayMs, sleep } from "./backoff";
import { JobSchedule } from "./job-schedule";
import type { AgentJob, AgentReport } from "./protocol";
import type { ReportQueue } from "./report-queue";
import { firstBatch, MAX_BATCH_REPORTS, type ServerClient } from "./server-client";

/** Audits at once: each holds a few sockets; a customer's PBX should not see a burst. */
const AUDIT_CONCURRENCY = 4;

export interface AgentRunnerOptions {
  client: ServerClient;
  queue: ReportQueue;
  audit: (job: AgentJob) => Promise<AgentReport>;
  log: AgentLog;
  /** Overrides the server's interval between fetches of the job list (tests, or a customer's preference). */
  intervalMs?: number;
  /** The shortest interval a monitor is audited at, whatever the server says (tests lower it). */
  minJobIntervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export interface AgentStatus {
  startedAt: number;
  /** Last time the server answered, for either jobs or reports. */
  lastContactAt: number | null;
  /** Last time due jobs were audited. */
  lastRoundAt: number | null;
  lastError: string | null;
  jobs: number;
  /** Audits started since the agent started. */
  audits: number;
  queued: number;
}

/**
 * The agent's loop: send what is queued, fetch the job list (every page) each poll interval,
 * audit each job when it is due (its own interval, in the edge's slots), queue each report on
 * disk, send. Jobs keep their schedule while the server is away (with the last list it gave);
 * sending retries with backoff in between. `start()` resolves when `stop()` is called.
 */
export class AgentRunner {
  private readonly stopping = new AbortController();
  private jobs: AgentJob[] | null = null;
  private failures = 0;
  private loop: Promise<void> | null = null;
  readonly status: AgentStatus = {
    startedAt: Date.now(),
    lastContactAt: null,
    lastRoundAt: null,
    lastError: null,
    jobs: 0,
    audits: 0,
    queued: 0,
  };
  private readonly schedule: JobSchedule;

  constructor(private readonly options: AgentRunnerOptions) {
    // The product's shortest monitor interval is a minute.
    this.schedule = new JobSchedule(options.minJobIntervalMs ?? 60_000);
  }

  start(): Promise<void> {
    this.loop ??= this.run();
    return this.loop;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    const { queue, log } = this.options;
    const backoff = this.options.backoff ?? { baseMs: 1000, maxMs: 5 * 60_000 };
    await queue.open();
    this.status.queued = await queue.size();
    log("info", "agent-started", { queued: this.status.queued });
    let nextPollAt = 0;
    while (!this.stopping.signal.aborted) {
      let ok = await this.flush();
      if (Date.now() >= nextPollAt && !this.stopping.signal.aborted) {
        const poll = await this.poll();
        ok &&= poll.ok;
        nextPollAt =
          Date.now() + (this.jobs ? poll.intervalMs : backoffDelayMs(this.failures, backoff.baseMs, backoff.maxMs));
      }
      if (this.jobs && !this.stopping.signal.aborted && (await this.auditDue(this.jobs)) > 0) {
        ok = (await this.flush()) && ok;
      }
      this.failures = ok ? 0 : this.failures + 1;
      const nextDueAt = this.jobs ? this.schedule.nextDueAt(this.jobs) : Number.POSITIVE_INFINITY;
      const untilNext = Math.min(nextPollAt, nextDueAt) - Date.now();
      const wait = ok ? untilNext : Math.min(untilNext, backoffDelayMs(this.failures, backoff.baseMs, backoff.maxMs));
      await sleep(Math.max(0, wait), this.stopping.signal);
    }
    log("info", "agent-stopped", { queued: await queue.size() });
  }

  /** Fetches every page of jobs, keeping the last complete list when that fails. */
  private async poll(): Promise<{ ok: boolean; intervalMs: number }> {
    const answer = await this.options.client.jobs();
    let intervalMs = this.options.intervalMs ?? 60_000;
    if (answer.ok) {
      this.status.lastContactAt = Date.now();
      this.jobs = answer.value.jobs;
      this.schedule.keepOnly(this.jobs);
      this.status.jobs = this.jobs.length;
      intervalMs = this.options.intervalMs ?? answer.value.intervalSeconds * 1000;
    } else {
      this.fail("jobs-failed", answer.error);
    }
    return { ok: answer.ok, intervalMs };
  }

  /** Audits the jobs that are due and queues each report; says how many ran. */
  private async auditDue(jobs: readonly AgentJob[]): Promise<number> {
    const { queue, log, audit } = this.options;
    const due = this.schedule.due(jobs, Date.now());
    if (due.length === 0) return 0;
    const started = Date.now();
    await mapWithConcurrency(due, AUDIT_CONCURRENCY, async (job) => {
      if (this.stopping.signal.aborted) return;
      this.schedule.ran(job, Date.now());
      this.status.audits++;
      const report = await audit(job);
      const dropped = await queue.add(report);
      if (dropped.length > 0) log("warn", "queue-full", { dropped: dropped.length });
    });
    this.status.lastRoundAt = Date.now();
    this.status.queued = await queue.size();
    log("info", "round-done", {
      due: due.length,
      jobs: jobs.length,
      ms: Date.now() - started,
      queued: this.status.queued,
    });
    return due.length;
  }

  /**
   * Sends the queue oldest first, deleting each report only once the server acknowledged it.
   * A batch the server refuses as a whole (400, 413: a report it will never accept) is sent
   * again one report at a time, and the refused report is dropped, so one bad report cannot
   * block the queue forever.
   */
  private async flush(): Promise<boolean> {
    const { client, queue, log } = this.options;
    let perBatch = MAX_BATCH_REPORTS;
    for (;;) {
      const batch = firstBatch(await queue.oldest(perBatch), perBatch);
      if (batch.length === 0) return true;
      const answer = await client.send(batch);
      if (!answer.ok && (answer.status === 400 || answer.status === 413)) {
        if (batch.length > 1) {
          perBatch = 1;
          continue;
        }
        this.fail("report-refused", answer.error, { reportId: batch[0]?.reportId });
        await queue.remove(batch.map((r) => r.reportId));
        continue;
      }
      if (!answer.ok) {
        this.fail("send-failed", answer.error, { reports: batch.length });
        return false;
      }
      this.status.lastContactAt = Date.now();
      const sent = new Set(batch.map((r) => r.reportId));
      const done = answer.value.filter((o) => sent.has(o.reportId));
      // A rejected report will never be accepted (another organisation's monitor, a broken
      // clock): keeping it would block the queue forever, so it is logged and dropped.
      for (const o of done) {
        if (o.status === "rejected") log("warn", "report-rejected", { reportId: o.reportId, reason: o.reason });
        // Stored without some findings whose evidence the server's schema refused (a version skew).
        else if (o.notes?.length) log("warn", "report-findings-dropped", { reportId: o.reportId, notes: o.notes });
      }
      await queue.remove(done.map((o) => o.reportId));
      this.status.queued = await queue.size();
      log("info", "reports-sent", {
        stored: done.filter((o) => o.status === "stored").length,
        duplicate: done.filter((o) => o.status === "duplicate").length,
        rejected: done.filter((o) => o.status === "rejected").length,
        queued: this.status.queued,
      });
      if (done.length === 0) return false;
    }
  }

  private fail(event: string, error: string, fields: Record<string, unknown> = {}) {
    this.status.lastError = error;
    this.options.log("error", event, { ...fields, error });
  }
}
