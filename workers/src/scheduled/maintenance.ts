import { AUDIT_RETENTION_MS } from "@sipwatch/core";
import {
  advanceShardMove,
  DAILY_ROLLUP_RETENTION_MS,
  DAY_MS,
  deleteAuditEventsBefore,
  deleteExpiredRollups,
  deleteExpiredSpans,
  flushStaleAccumulators,
  movingOrganisations,
  purgeHistoryStep,
  shardLoads,
} from "@sipwatch/db";
import { keyringOf, rotateCredentials } from "../credentials/index";
import type { Db, Services } from "../services";

/**
 * Minute of the hour the closed hours of pairs that stopped running are written out (running
 * pairs write theirs with their next run): by then every audit of the hour's last minute is stored.
 */
export const HOURLY_ROLLUP_MINUTE = 2;
/** Minute of 00:xx UTC rollups past their retention are deleted. */
export const DAILY_ROLLUP_MINUTE = 7;
/**
 * Span retention runs every tick, in bounded chunks, so that no tick holds the database long
 * (spans come only with changes, but a flapping fleet can still make many).
 */
export const RETENTION_CHUNKS_PER_TICK = 5;
/**
 * Audit entries older than AUDIT_RETENTION_MS deleted per tick, in one statement: a tick a minute
 * clears 2.8 million a day, far more than any organisation writes, without holding D1 long.
 */
export const AUDIT_RETENTION_ROWS_PER_TICK = 2000;
/** DELETEs per shard per tick for the history of deleted organisations (history_purge). */
export const PURGE_CHUNKS_PER_TICK = 10;
/** Organisations whose shard move advances per tick, each by a bounded number of chunks. */
export const MOVES_PER_TICK = 2;

export interface MaintenanceDone {
  /** Monitor x vantage pairs whose closed hour was written out for them. */
  staleHoursFlushed?: number;
  rollupRetention?: true;
  spansDeleted: number;
  /** Rows copied or deleted by shard moves this tick. */
  movedRows?: number;
  /** Test-account passwords moved to the current CREDENTIAL_KEYS key this tick (rotation). */
  credentialsResealed?: number;
  /** History rows of deleted organisations deleted this tick. */
  historyPurged?: number;
  /** Audit log entries past their retention deleted this tick. */
  auditDeleted?: number;
  /** Shards whose housekeeping failed this tick (named for the logs; the others went ahead). */
  failedShards?: string[];
}

/**
 * The housekeeping a tick at `scheduledTime` owes, on every history shard (the control database
 * too, as the legacy shard): stale hours and rollup retention at their minute, span retention
 * always, the history of deleted organisations, then shard moves. A shard that fails is skipped until the next tick; the others are unaffected.
 */
export async function runMaintenance(services: Services, scheduledTime: number): Promise<MaintenanceDone> {
  const done: MaintenanceDone = { spansDeleted: 0 };
  const shards = new Set(["DB", ...services.config.historyShards, ...Object.keys(await shardLoads(services.db))]);
  for (const shard of shards) {
    try {
      const shardDb = services.history.database(shard);
      const part = await maintainShard(shardDb, services, scheduledTime);
      const purged = await purgeHistoryStep(services.db, shardDb, shard, { maxChunks: PURGE_CHUNKS_PER_TICK });
      if (purged > 0) done.historyPurged = (done.historyPurged ?? 0) + purged;
      if (part.staleHoursFlushed !== undefined)
        done.staleHoursFlushed = (done.staleHoursFlushed ?? 0) + part.staleHoursFlushed;
      if (part.rollupRetention) done.rollupRetention = true;
      done.spansDeleted += part.spansDeleted;
    } catch (error) {
      done.failedShards = [...(done.failedShards ?? []), shard];
      console.error(JSON.stringify({ event: "shard-maintenance-failed", shard, error: String(error) }));
    }
  }
  const moving = await movingOrganisations(services.db, MOVES_PER_TICK);
  for (const organisationId of moving) {
    const step = await advanceShardMove(
      services.db,
      (s) => services.history.database(s),
      organisationId,
      scheduledTime,
    );
    done.movedRows = (done.movedRows ?? 0) + step.rows;
    console.log(JSON.stringify({ event: "shard-move", ...step }));
  }
  // The audit log lives in the control database.
  done.auditDeleted = await deleteAuditEventsBefore(
    services.db,
    scheduledTime - AUDIT_RETENTION_MS,
    AUDIT_RETENTION_ROWS_PER_TICK,
  );
  // Test-account passwords live in the control database.
  const keyring = keyringOf(services.config);
  if (keyring) done.credentialsResealed = (await rotateCredentials(services.db, await keyring)).resealed;
  return done;
}

async function maintainShard(db: Db, services: Services, scheduledTime: number): Promise<MaintenanceDone> {
  const date = new Date(scheduledTime);
  const retentionMs = services.config.retentionDays * DAY_MS;
  const done: MaintenanceDone = { spansDeleted: 0 };
  if (date.getUTCMinutes() === HOURLY_ROLLUP_MINUTE)
    done.staleHoursFlushed = await flushStaleAccumulators(db, scheduledTime);
  if (date.getUTCHours() === 0 && date.getUTCMinutes() === DAILY_ROLLUP_MINUTE) {
    // Hourly rollups are kept as long as spans (and at least the public pages' 30 days), daily ones 400 days.
    const hourCutoff = scheduledTime - Math.max(retentionMs, 31 * DAY_MS);
    await deleteExpiredRollups(db, { hour: hourCutoff, day: scheduledTime - DAILY_ROLLUP_RETENTION_MS });
    done.rollupRetention = true;
  }
  done.spansDeleted = await deleteExpiredSpans(db, scheduledTime - retentionMs, {
    maxChunks: RETENTION_CHUNKS_PER_TICK,
  });
  return done;
}
