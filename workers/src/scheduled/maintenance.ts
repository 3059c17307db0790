import {
  advanceShardMove,
  DAY_MS,
  deleteExpiredRuns,
  HOUR_MS,
  movingOrganisations,
  rollupDay,
  rollupHour,
  shardLoads,
} from "@sipwatch/db";
import type { Db, Services } from "../services";

/** Minute of the hour the previous hour is rolled up: the audits of minute 59 are stored by then. */
export const HOURLY_ROLLUP_MINUTE = 2;
/** Minute of 00:xx UTC the previous day is rolled up, after its last hour was. */
export const DAILY_ROLLUP_MINUTE = 7;
/**
 * Retention runs every tick, in bounded chunks: a fleet of 10,000 monitors every 5 minutes from
 * 3 regions adds 360,000 runs an hour, so deleting once a day would be one huge delete.
 */
export const RETENTION_CHUNKS_PER_TICK = 5;
/** Organisations whose shard move advances per tick, each by a bounded number of chunks. */
export const MOVES_PER_TICK = 2;

export interface MaintenanceDone {
  hourlyRollups?: number;
  dailyRollups?: number;
  runsDeleted: number;
  /** Rows copied or deleted by shard moves this tick. */
  movedRows?: number;
  /** Shards whose housekeeping failed this tick (named for the logs; the others went ahead). */
  failedShards?: string[];
}

/**
 * The housekeeping a tick at `scheduledTime` owes, on every history shard (the control database
 * too, as the legacy shard): rollups at their minute, retention always, then shard moves. A shard
 * that fails is skipped until the next tick; the others are unaffected.
 */
export async function runMaintenance(services: Services, scheduledTime: number): Promise<MaintenanceDone> {
  const done: MaintenanceDone = { runsDeleted: 0 };
  const shards = new Set(["DB", ...services.config.historyShards, ...Object.keys(await shardLoads(services.db))]);
  for (const shard of shards) {
    try {
      const part = await maintainShard(services.history.database(shard), services, scheduledTime);
      if (part.hourlyRollups !== undefined) done.hourlyRollups = (done.hourlyRollups ?? 0) + part.hourlyRollups;
      if (part.dailyRollups !== undefined) done.dailyRollups = (done.dailyRollups ?? 0) + part.dailyRollups;
      done.runsDeleted += part.runsDeleted;
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
  return done;
}

async function maintainShard(db: Db, services: Services, scheduledTime: number): Promise<MaintenanceDone> {
  const date = new Date(scheduledTime);
  const hourStart = Math.floor(scheduledTime / HOUR_MS) * HOUR_MS;
  const done: MaintenanceDone = { runsDeleted: 0 };
  if (date.getUTCMinutes() === HOURLY_ROLLUP_MINUTE) done.hourlyRollups = await rollupHour(db, hourStart - HOUR_MS);
  if (date.getUTCHours() === 0 && date.getUTCMinutes() === DAILY_ROLLUP_MINUTE) {
    done.dailyRollups = await rollupDay(db, Math.floor(scheduledTime / DAY_MS) * DAY_MS - DAY_MS);
  }
  done.runsDeleted = await deleteExpiredRuns(db, scheduledTime - services.config.retentionDays * DAY_MS, {
    maxChunks: RETENTION_CHUNKS_PER_TICK,
  });
  return done;
}
