import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { monitors } from "../schema/monitors";

/** The intervals the product offers; each costs one index seek per minute. */
export const SCHEDULE_INTERVALS = [1, 5, 10, 15, 30, 60] as const;

export const minuteOf = (epochMs: number) => Math.floor(epochMs / 60_000);

/** The phase a monitor of `interval` needs to be due in `minute`: (minute + phase) % interval == 0. */
export const phaseDueIn = (minute: number, interval: number) => (interval - (minute % interval)) % interval;

export type DueMonitor = Pick<
  typeof monitors.$inferSelect,
  | "id"
  | "organisationId"
  | "target"
  | "expectedTransports"
  | "regions"
  | "intervalMinutes"
  | "thresholds"
  | "alertPolicy"
>;

/**
 * Monitors due in `minute` (minutes since the epoch): one seek on monitor_schedule_idx per
 * interval, so the dispatcher reads only what it runs and writes nothing to schedule.
 */
export async function dueMonitors(db: Db, minute: number): Promise<DueMonitor[]> {
  const perInterval = await Promise.all(
    SCHEDULE_INTERVALS.map((interval) =>
      db
        .select({
          id: monitors.id,
          organisationId: monitors.organisationId,
          target: monitors.target,
          expectedTransports: monitors.expectedTransports,
          regions: monitors.regions,
          intervalMinutes: monitors.intervalMinutes,
          thresholds: monitors.thresholds,
          alertPolicy: monitors.alertPolicy,
        })
        .from(monitors)
        .where(
          and(
            eq(monitors.intervalMinutes, interval),
            eq(monitors.phaseMinute, phaseDueIn(minute, interval)),
            eq(monitors.enabled, true),
          ),
        ),
    ),
  );
  return perInterval.flat();
}
