import { failedRunSummary } from "@sipwatch/core";
import type { Env } from "../env";
import type { AuditResult, AuditSettings, RegionBatch } from "./audit-job";
import { settingsForRegion } from "./audit-settings";

/**
 * Sends each batch to its region's prober shard and gathers the results. A prober that fails
 * (evicted, overloaded, a deploy) turns its jobs into error runs instead of losing them.
 */
export async function auditBatches(
  env: Env,
  batches: readonly RegionBatch[],
  settings: AuditSettings,
): Promise<AuditResult[]> {
  const results = await Promise.all(
    batches.map(async (batch) => {
      const stub = env.REGION_PROBER.get(env.REGION_PROBER.idFromName(`${batch.region}:${batch.shard}`), {
        locationHint: batch.region as DurableObjectLocationHint,
      });
      try {
        // workers-types cannot express `unknown` (finding evidence) over RPC and types the result as never.
        return (await stub.audit(batch.jobs, settingsForRegion(settings, batch.region))) as AuditResult[];
      } catch (error) {
        const message = `region prober ${batch.region}:${batch.shard} failed: ${error instanceof Error ? error.message : String(error)}`;
        const now = Date.now();
        return batch.jobs.map(
          (job): AuditResult => ({
            monitorId: job.monitorId,
            vantageId: job.vantageId,
            startedAt: now,
            durationMs: 0,
            summary: failedRunSummary(message),
            recordSets: null,
            hash: null,
            resolution: null,
            findings: [],
          }),
        );
      }
    }),
  );
  return results.flat();
}
