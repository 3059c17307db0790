import { type DueMonitor, pairKey } from "@sipwatch/db";
import { type AuditJob, REGIONS, type RegionBatch, regionVantageId } from "../probing/audit-job";

/**
 * Jobs per Durable Object invocation. Its budgets (Workers limits, paid plan):
 * - connections: 6 at once; the prober runs 2 audits x 3 connections, so a batch's wall time is
 *   about jobs / 2 x one audit (1-3 s typical, 20 s deadline): 20 jobs end in ~10-30 s, inside
 *   the minute even when some targets time out;
 * - subrequests: 1000 per invocation; an audit makes ~10-20 DoH queries and up to 24 probe
 *   targets (MAX_PROBE_TARGETS) of 1-2 connections, ~30 typical: 20 jobs stay near 600;
 * - CPU: 30 s per invocation; a TLS handshake in TypeScript costs 10-35 ms, an audit ~100-300 ms
 *   with its certificate checks: 20 jobs stay under 6 s.
 */
export const JOBS_PER_BATCH = 20;

export const KNOWN_REGIONS: ReadonlySet<string> = new Set(REGIONS);

export interface PlanOptions {
  defaultRegions: readonly string[];
  jobsPerBatch?: number;
}

/**
 * The minute's work: every due monitor from each of its regions, as batches per region of at
 * most `jobsPerBatch` jobs, each batch for its own shard ("weur:0", "weur:1", ...) so batches run
 * side by side with separate connection budgets. Pure, so a bench can time it for a big fleet.
 */
export function planMinute(
  due: readonly DueMonitor[],
  snapshotHashes: ReadonlyMap<string, string>,
  options: PlanOptions,
): RegionBatch[] {
  const perBatch = options.jobsPerBatch ?? JOBS_PER_BATCH;
  const byRegion = new Map<string, AuditJob[]>();
  for (const monitor of due) {
    const regions = monitor.regions.length > 0 ? monitor.regions : options.defaultRegions;
    for (const region of new Set(regions)) {
      if (!KNOWN_REGIONS.has(region)) continue;
      const vantageId = regionVantageId(region);
      const known = snapshotHashes.get(pairKey(monitor.id, vantageId));
      const job: AuditJob = {
        monitorId: monitor.id,
        vantageId,
        target: monitor.target,
        slowMs: monitor.thresholds.slowMs,
        ...(known ? { knownSnapshotHash: known } : {}),
      };
      const jobs = byRegion.get(region) ?? [];
      jobs.push(job);
      byRegion.set(region, jobs);
    }
  }
  const batches: RegionBatch[] = [];
  for (const [region, jobs] of byRegion) {
    for (let i = 0, shard = 0; i < jobs.length; i += perBatch, shard++) {
      batches.push({ region, shard, jobs: jobs.slice(i, i + perBatch) });
    }
  }
  return batches;
}
