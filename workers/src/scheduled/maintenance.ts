import { DAY_MS, deleteExpiredRuns, HOUR_MS, rollupDay, rollupHour } from "@sipwatch/db";
import { keyringOf, rotateCredentials } from "../credentials/index";
import type { Services } from "../services";

/** Minute of the hour the previous hour is rolled up: the audits of minute 59 are stored by then. */
export const HOURLY_ROLLUP_MINUTE = 2;
/** Minute of 00:xx UTC the previous day is rolled up, after its last hour was. */
export const DAILY_ROLLUP_MINUTE = 7;
/**
 * Retention runs every tick, in bounded chunks: a fleet of 10,000 monitors every 5 minutes from
 * 3 regions adds 360,000 runs an hour, so deleting once a day would be one huge delete.
 */
export const RETENTION_CHUNKS_PER_TICK = 5;

export interface MaintenanceDone {
  hourlyRollups?: number;
  dailyRollups?: number;
  runsDeleted: number;
  /** Test-account passwords moved to the current CREDENTIAL_KEYS key this tick (rotation). */
  credentialsResealed?: number;
}

/** The housekeeping a tick at `scheduledTime` owes: rollups at their minute, retention always. */
export async function runMaintenance(services: Services, scheduledTime: number): Promise<MaintenanceDone> {
  const { db, config } = services;
  const date = new Date(scheduledTime);
  const hourStart = Math.floor(scheduledTime / HOUR_MS) * HOUR_MS;
  const done: MaintenanceDone = { runsDeleted: 0 };
  if (date.getUTCMinutes() === HOURLY_ROLLUP_MINUTE) done.hourlyRollups = await rollupHour(db, hourStart - HOUR_MS);
  if (date.getUTCHours() === 0 && date.getUTCMinutes() === DAILY_ROLLUP_MINUTE) {
    done.dailyRollups = await rollupDay(db, Math.floor(scheduledTime / DAY_MS) * DAY_MS - DAY_MS);
  }
  done.runsDeleted = await deleteExpiredRuns(db, scheduledTime - config.retentionDays * DAY_MS, {
    maxChunks: RETENTION_CHUNKS_PER_TICK,
  });
  const keyring = keyringOf(config);
  if (keyring) done.credentialsResealed = (await rotateCredentials(db, await keyring)).resealed;
  return done;
}
