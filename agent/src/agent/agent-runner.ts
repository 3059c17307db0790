import { mapWithConcurrency } from "@sipwatch/core";
import type { AgentLog } from "./agent-log";
import { backoffDelayMs, sleep } from "./backoff";
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
  /** Overrides the server's interval between audit rounds (tests, or a customer's preference). */
  intervalMs?: number;
  backoff?: { baseMs: number; maxMs: number };
}

export interface AgentStatus {
  startedAt: number;
  /** Last time the server answered, for either jobs or reports. */
  lastContactAt: number | null;
  lastRoundAt: number | null;
  lastError: string | null;
  jobs: number;
  queued: number;
}

/**
 * The agent's loop: send what is queued, fetch jobs, audit, queue each report on disk, send.
 * Audit rounds keep their interval while the server is away (with the last jobs it gave);
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
    queued: 0,
  };

  constructor(private readonly options: AgentRunnerOptions) {}

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
    let nextRoundAt = 0;
    while (!this.stopping.signal.aborted) {
      let ok = await this.flush();
      if (Date.now() >= nextRoundAt && !this.stopping.signal.aborted) {
        const round = await this.round();
        ok &&= round.ok;
        nextRoundAt =
          Date.now() + (this.jobs ? round.intervalMs : backoffDelayMs(this.failures, backoff.baseMs, backoff.maxMs));
        ok = (await this.flush()) && ok;
      }
      this.failures = ok ? 0 : this.failures + 1;
      const untilRound = nextRoundAt - Date.now();
      const wait = ok ? untilRound : Math.min(untilRound, backoffDelayMs(this.failures, backoff.baseMs, backoff.maxMs));
      await sleep(Math.max(0, wait), this.stopping.signal);
    }
    log("info", "agent-stopped", { queued: await queue.size() });
  }

  /** Fetches jobs (keeping the last ones when that fails), audits them and queues each report. */
  private async round(): Promise<{ ok: boolean; intervalMs: number }> {
    const { client, queue, log, audit } = this.options;
    const answer = await client.jobs();
    let intervalMs = this.options.intervalMs ?? 60_000;
    if (answer.ok) {
      this.status.lastContactAt = Date.now();
      this.jobs = answer.value.jobs;
      intervalMs = this.options.intervalMs ?? answer.value.intervalSeconds * 1000;
    } else {
      this.fail("jobs-failed", answer.error);
    }
    if (!this.jobs) return { ok: false, intervalMs };
    this.status.jobs = this.jobs.length;
    const started = Date.now();
    await mapWithConcurrency(this.jobs, AUDIT_CONCURRENCY, async (job) => {
      if (this.stopping.signal.aborted) return;
      const report = await audit(job);
      const dropped = await queue.add(report);
      if (dropped.length > 0) log("warn", "queue-full", { dropped: dropped.length });
    });
    this.status.lastRoundAt = Date.now();
    this.status.queued = await queue.size();
    log("info", "round-done", { jobs: this.jobs.length, ms: Date.now() - started, queued: this.status.queued });
    return { ok: answer.ok, intervalMs };
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
