import { type DueMonitor, latestSnapshotHashes } from "@sipwatch/db";
import type { AuditResult } from "../probing/audit-job";
import { auditSettingsOf } from "../probing/audit-settings";
import { auditBatches } from "../probing/dispatch";
import { type StoreOutcome, storeResults } from "../probing/store-results";
import type { Services } from "../services";
import type { AuditMessage } from "./audit-message";
import { type AlertsEnqueued, enqueueAlerts } from "./enqueue-alerts";
import { planMinute } from "./plan-minute";
import { recordedResults, withoutRecorded } from "./recorded-round";

export interface MessageOutcome {
  monitors: number;
  batches: number;
  /** Pairs a redelivered message found stored already: replayed for the alerts, not audited. */
  replayed: number;
  stored: StoreOutcome;
  alerts?: AlertsEnqueued;
}

/**
 * One message of a minute's work, as the queue consumer (or the inline tick) runs it: the
 * monitors' regions audited by their probers side by side, the results stored in each
 * organisation's history shard (one write batch per shard), then the alert round over every
 * region's result of each monitor, in the control database.
 *
 * Throws HistoryUnavailableError before auditing when an organisation cannot take writes
 * (moving, shard down): the queue then retries the whole message later, and the retry audits
 * afresh, so nothing is written twice and no span is lost, only one run is late. A redelivery
 * (`attempts` > 1) after some results were stored (one shard's write failed, the invocation
 * died after a write) audits only the pairs not stored yet and replays the stored ones' last
 * runs for the alert round (recorded-round.ts).
 */
export async function processAuditMessage(
  services: Services,
  message: AuditMessage,
  delivery: { attempts: number } = { attempts: 1 },
): Promise<MessageOutcome> {
  const { config, env } = services;
  const groups = await monitorsByHistoryDb(services, message.monitors);
  const recorded =
    delivery.attempts > 1 ? await recordedResults(groups, message.scheduledTime) : new Map<string, AuditResult>();
  const hashes = new Map<string, string>();
  for (const { db, monitors } of groups) {
    for (const [k, v] of await latestSnapshotHashes(db, ids(monitors))) hashes.set(k, v);
  }
  const planned = planMinute(message.monitors, hashes, { defaultRegions: config.defaultRegions });
  const batches = withoutRecorded(planned, recorded).map((b) => ({
    ...b,
    // One prober instance per region and message ("weur:17"), so a minute's messages run on
    // separate probers; a message holds at most JOBS_PER_BATCH jobs per region, so b.shard is 0.
    shard: message.index * 1000 + b.shard,
  }));
  const results = await auditBatches(env, batches, auditSettingsOf(config));
  const stored: StoreOutcome = { runs: 0, snapshots: 0, opened: 0, resolved: 0 };
  await Promise.all(
    groups.map(async ({ db, monitors }) => {
      const mine = new Set(ids(monitors));
      const outcome = await storeResults(
        db,
        results.filter((r) => mine.has(r.monitorId)),
        { organisationOf: organisationsOf(monitors), snapshotHashes: hashes, control: services.db },
      );
      for (const key of Object.keys(stored) as Array<keyof StoreOutcome>) stored[key] += outcome[key];
    }),
  );
  const outcome: MessageOutcome = {
    monitors: message.monitors.length,
    batches: batches.length,
    replayed: recorded.size,
    stored,
  };
  // The audits are stored: an alert failure must not send the message back (a retry would audit
  // and count the round again). Logged, as the tick did.
  try {
    outcome.alerts = await enqueueAlerts(
      services.db,
      message.monitors,
      [...results, ...recorded.values()],
      message.scheduledTime,
    );
  } catch (error) {
    console.error(JSON.stringify({ event: "alerts-failed", message: message.index, error: String(error) }));
  }
  return outcome;
}

const ids = (monitors: readonly DueMonitor[]) => monitors.map((m) => m.id);

/** The organisation of each of these monitors, for their state rows. */
function organisationsOf(monitors: readonly DueMonitor[]): (monitorId: string) => string {
  const of = new Map(monitors.map((m) => [m.id, m.organisationId]));
  return (monitorId) => {
    const organisationId = of.get(monitorId);
    if (!organisationId) throw new Error(`A result for monitor ${monitorId}, which this message did not audit`);
    return organisationId;
  };
}

/** The message's monitors grouped by the history database that takes their writes now. */
async function monitorsByHistoryDb(services: Services, monitors: readonly DueMonitor[]) {
  const rows = await services.history.shardsOf(monitors.map((m) => m.organisationId));
  const groups = new Map<string, DueMonitor[]>();
  for (const monitor of monitors) {
    const row = rows.get(monitor.organisationId);
    if (!row) throw new Error(`Organisation ${monitor.organisationId} has no history shard`);
    groups.set(row.shard, [...(groups.get(row.shard) ?? []), monitor]);
  }
  return Promise.all(
    [...groups].map(async ([, members]) => ({
      // Throws for a moving organisation or an unbound shard, before any audit runs.
      db: await services.historyDbOf(members[0]?.organisationId ?? "", { write: true }),
      monitors: await checkedWritable(services, members),
    })),
  );
}

async function checkedWritable(services: Services, monitors: DueMonitor[]): Promise<DueMonitor[]> {
  for (const organisationId of new Set(monitors.map((m) => m.organisationId))) {
    await services.historyDbOf(organisationId, { write: true });
  }
  return monitors;
}
