import {
  DAILY_ROLLUP_RETENTION_MS,
  DAY_MS,
  deleteExpiredRollups,
  deleteExpiredSpans,
  flushStaleAccumulators,
} from "@sipwatch/db";
import type { Services } from "../services";

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

export interface MaintenanceDone {
  /** Monitor x vantage pairs whose closed hour was written out for them. */
  staleHoursFlushed?: number;
  rollupRetention?: true;
  spansDeleted: number;
}

/** The housekeeping a tick at `scheduledTime` owes: stale hours and rollup retention at their minute, span retention always. */
export async function runMaintenance(services: Services, scheduledTime: number): Promise<MaintenanceDone> {
  const { db, config } = services;
  const date = new Date(scheduledTime);
  const retentionMs = config.retentionDays * DAY_MS;
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
