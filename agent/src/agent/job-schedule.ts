import type { AgentJob } from "./protocol";

/**
 * When each job is due. The edge runs a monitor in the minutes where (minute + phase) % interval
 * == 0; the agent aims for the same slots (in ms: (t + phase) % interval == 0), so its report
 * and the regions' describe the same moment when the cross-vantage rules compare them.
 *
 * A job never seen before is due at once (a new agent or monitor reports straight away); its
 * run stands for the next slot, so the one after is a whole interval away. A later run stands
 * for the latest slot it reached: an agent that slept through several slots runs once, not
 * once per missed slot.
 */
export class JobSchedule {
  /** monitorId -> the slot its last run stood for. */
  private readonly lastSlot = new Map<string, number>();

  /** @param minIntervalMs a floor under the server's intervals: one saying 0 must not make the agent spin. */
  constructor(private readonly minIntervalMs: number) {}

  /** When the job is next due; 0 for a job that has not run. */
  dueAt(job: AgentJob): number {
    const last = this.lastSlot.get(job.monitorId);
    return last === undefined ? 0 : last + this.timing(job).intervalMs;
  }

  due(jobs: readonly AgentJob[], now: number): AgentJob[] {
    return jobs.filter((job) => this.dueAt(job) <= now);
  }

  /** The earliest time any job is due (Infinity with no jobs). */
  nextDueAt(jobs: readonly AgentJob[]): number {
    return jobs.reduce((min, job) => Math.min(min, this.dueAt(job)), Number.POSITIVE_INFINITY);
  }

  /** Notes that the job started running at `startedAt`. */
  ran(job: AgentJob, startedAt: number): void {
    const { intervalMs, phaseMs } = this.timing(job);
    const first = !this.lastSlot.has(job.monitorId);
    const slot = first
      ? slotAtOrAfter(startedAt, intervalMs, phaseMs)
      : slotAtOrAfter(startedAt - intervalMs + 1, intervalMs, phaseMs);
    this.lastSlot.set(job.monitorId, slot);
  }

  /** Drops monitors the server no longer assigns, so the map stays as big as the job list. */
  keepOnly(jobs: readonly AgentJob[]): void {
    const live = new Set(jobs.map((j) => j.monitorId));
    for (const id of this.lastSlot.keys()) if (!live.has(id)) this.lastSlot.delete(id);
  }

  private timing(job: AgentJob) {
    const intervalMs = Math.max(this.minIntervalMs, Math.round(job.intervalSeconds * 1000));
    return { intervalMs, phaseMs: Math.round(job.phaseSeconds * 1000) };
  }
}

/** The first slot at or after `t`; slots are the times s with (s + phaseMs) % intervalMs == 0. */
export function slotAtOrAfter(t: number, intervalMs: number, phaseMs: number): number {
  return Math.ceil((t + phaseMs) / intervalMs) * intervalMs - phaseMs;
}
