import { dueMonitors, latestSnapshotHashes, minuteOf } from "@sipwatch/db";
import type { Env } from "../env";
import { type DeliveryTally, deliverDueAlerts } from "../notify/deliver-outbox";
import { auditSettingsOf } from "../probing/audit-settings";
import { auditBatches } from "../probing/dispatch";
import { type StoreOutcome, storeResults } from "../probing/store-results";
import { createServices, type Services } from "../services";
import { type AlertsEnqueued, enqueueAlerts } from "./enqueue-alerts";
import { type MaintenanceDone, runMaintenance } from "./maintenance";
import { planMinute } from "./plan-minute";

export interface TickOutcome {
  minute: number;
  monitors: number;
  batches: number;
  stored: StoreOutcome;
  alerts?: AlertsEnqueued & DeliveryTally;
  maintenance?: MaintenanceDone;
}

/** The cron handler (every minute): audit what is due, store it, then housekeeping. */
export async function runScheduled(env: Env, scheduledTime: number, _ctx: ExecutionContext): Promise<void> {
  const outcome = await runTick(createServices(env), scheduledTime);
  console.log(JSON.stringify({ event: "tick", ...outcome }));
}

/**
 * One minute's work: due monitors (an index seek per interval), batches per region shard, the
 * region probers, one batch of writes, alerts (policy, outbox, delivery), then rollups and retention. Housekeeping failing does
 * not lose the audits, which are already stored.
 */
export async function runTick(services: Services, scheduledTime: number): Promise<TickOutcome> {
  const { db, config, env } = services;
  const minute = minuteOf(scheduledTime);
  const due = await dueMonitors(db, minute);
  const snapshotHashes = await latestSnapshotHashes(
    db,
    due.map((m) => m.id),
  );
  const batches = planMinute(due, snapshotHashes, { defaultRegions: config.defaultRegions });
  const results = await auditBatches(env, batches, auditSettingsOf(config));
  const stored = await storeResults(db, results, { snapshotHashes });
  const outcome: TickOutcome = { minute, monitors: due.length, batches: batches.length, stored };
  // After the audits are stored: an alert failing must not lose them, nor stop housekeeping.
  try {
    const enqueued = await enqueueAlerts(db, due, results, scheduledTime);
    outcome.alerts = { ...enqueued, ...(await deliverDueAlerts(services, scheduledTime)) };
  } catch (error) {
    console.error(JSON.stringify({ event: "alerts-failed", error: String(error) }));
  }
  try {
    outcome.maintenance = await runMaintenance(services, scheduledTime);
  } catch (error) {
    console.error(JSON.stringify({ event: "maintenance-failed", error: String(error) }));
  }
  return outcome;
}
