import type { DueMonitor } from "@sipwatch/db";
import { planMinute } from "../scheduled/plan-minute";
import type { Services } from "../services";
import type { AuditResult } from "./audit-job";
import { auditSettingsOf } from "./audit-settings";
import { auditBatches } from "./dispatch";
import { storeResults } from "./store-results";

/**
 * "Run now": audits the monitor from each of its regions at once and stores the runs exactly as
 * the scheduler would (so history and findings stay one story), returning every region's result
 * with its full DNS tree.
 */
export async function runMonitorNow(services: Services, monitor: DueMonitor): Promise<AuditResult[]> {
  // No known snapshot hashes: every region sends its resolution tree back for the caller.
  const batches = planMinute([monitor], new Map(), { defaultRegions: services.config.defaultRegions });
  const results = await auditBatches(services.env, batches, auditSettingsOf(services.config));
  await storeResults(await services.historyDbOf(monitor.organisationId, { write: true }), results, {
    organisationOf: () => monitor.organisationId,
    control: services.db,
  });
  return results.sort((a, b) => a.vantageId.localeCompare(b.vantageId));
}
