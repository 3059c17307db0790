import { and, asc, desc, eq, gt, gte, inArray, like, lt, sql } from "drizzle-orm";
import type { Db } from "../db";
import { maintenanceWindows } from "../schema/alerts";
import { rollups } from "../schema/history";
import { incidentEvents, incidents } from "../schema/incidents";
import { monitors } from "../schema/monitors";
import { findingMutes } from "../schema/mutes";

/** Incidents a page lists: those still open plus the latest resolved ones, newest first. */
const PAGE_INCIDENTS_MAX = 30;
/** Public updates shown per incident, newest first. */
const UPDATES_PER_INCIDENT_MAX = 20;

type IncidentRow = typeof incidents.$inferSelect;

/**
 * The version of everything a page shows that an operator or the incident code changes: the
 * page row, its monitors' rows, their incidents and events, their maintenance windows. One
 * statement of index-covered aggregates; it is the edge cache key, so a write anywhere (by this
 * branch's API or by the incident code) makes a new key without calling back into the cache.
 */
export async function publicPageVersion(db: Db, monitorIds: readonly string[]): Promise<string> {
  if (monitorIds.length === 0) return "empty";
  // One bound JSON list per subquery, not one parameter per id: D1 binds at most 100 per statement.
  const ids = sql`select value from json_each(${JSON.stringify(monitorIds)})`;
  const [row] = await db.all<Record<string, number | null>>(sql`select
      (select max(${monitors.updatedAt}) from ${monitors} where ${monitors.id} in (${ids})) as m,
      (select count(*) from ${incidents} where ${incidents.monitorId} in (${ids})) as ic,
      (select max(${incidents.updatedAt}) from ${incidents} where ${incidents.monitorId} in (${ids})) as iu,
      (select max(e.id) from ${incidentEvents} e join ${incidents} i on i.id = e.incident_id
         where i.monitor_id in (${ids})) as e,
      (select count(*) from ${maintenanceWindows} where ${maintenanceWindows.monitorId} in (${ids})) as wc,
      (select max(${maintenanceWindows.createdAt}) from ${maintenanceWindows} where ${maintenanceWindows.monitorId} in (${ids})) as wu,
      (select count(*) from ${findingMutes} where ${findingMutes.monitorId} in (${ids})) as fc,
      (select max(max(${findingMutes.createdAt}, coalesce(${findingMutes.endedAt}, 0))) from ${findingMutes}
         where ${findingMutes.monitorId} in (${ids})) as fu`);
  // A mute created or ended changes the state the page shows (mutes do not lower it).
  return [row?.m, row?.ic, row?.iu, row?.e, row?.wc, row?.wu, row?.fc, row?.fu].map((v) => v ?? 0).join(".");
}

/** Open incidents and the latest resolved ones of these monitors, with their PUBLIC events only. */
export async function publicIncidentsOf(db: Db, monitorIds: readonly string[]) {
  if (monitorIds.length === 0) return [];
  const rows: IncidentRow[] = await db
    .select()
    .from(incidents)
    .where(inArray(incidents.monitorId, [...monitorIds]))
    .orderBy(desc(incidents.openedAt))
    .limit(PAGE_INCIDENTS_MAX);
  if (rows.length === 0) return [];
  const events = await db
    .select()
    .from(incidentEvents)
    .where(
      and(
        inArray(
          incidentEvents.incidentId,
          rows.map((r) => r.id),
        ),
        eq(incidentEvents.public, true),
      ),
    )
    .orderBy(desc(incidentEvents.at))
    .limit(PAGE_INCIDENTS_MAX * UPDATES_PER_INCIDENT_MAX);
  return rows.map((incident) => ({
    incident,
    events: events.filter((e) => e.incidentId === incident.id).slice(0, UPDATES_PER_INCIDENT_MAX),
  }));
}

/** Announced windows of these monitors that have not ended. */
export async function announcedWindowsOf(db: Db, monitorIds: readonly string[], now: number) {
  if (monitorIds.length === 0) return [];
  return db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        inArray(maintenanceWindows.monitorId, [...monitorIds]),
        gt(maintenanceWindows.endsAt, now),
        eq(maintenanceWindows.announce, true),
      ),
    )
    .orderBy(asc(maintenanceWindows.startsAt))
    .limit(100);
}

/** Daily rollups of the cloud regions since `from`, summed per monitor and day (history shard). */
export async function regionDailyCounts(db: Db, monitorIds: readonly string[], from: number) {
  if (monitorIds.length === 0) return [];
  return db
    .select({
      monitorId: rollups.monitorId,
      bucketStart: rollups.bucketStart,
      runs: sql<number>`sum(${rollups.runs})`,
      successes: sql<number>`sum(${rollups.successes})`,
    })
    .from(rollups)
    .where(
      and(
        inArray(rollups.monitorId, [...monitorIds]),
        eq(rollups.granularity, "day"),
        gte(rollups.bucketStart, from),
        like(rollups.vantageId, "region:%"),
      ),
    )
    .groupBy(rollups.monitorId, rollups.bucketStart);
}

/**
 * One monitor's daily rollups in [from, to) summed per UTC month and vantage: at most
 * months x vantages rows whatever the span, so a year's report reads what a month's does per month.
 */
export async function monthlyCountsOfMonitor(db: Db, monitorId: string, from: number, to: number) {
  const month = sql<string>`strftime('%Y-%m', ${rollups.bucketStart} / 1000, 'unixepoch')`;
  const rows = await db
    .select({
      month,
      vantageId: rollups.vantageId,
      runs: sql<number>`sum(${rollups.runs})`,
      successes: sql<number>`sum(${rollups.successes})`,
    })
    .from(rollups)
    .where(
      and(
        eq(rollups.monitorId, monitorId),
        eq(rollups.granularity, "day"),
        gte(rollups.bucketStart, from),
        lt(rollups.bucketStart, to),
      ),
    )
    .groupBy(month, rollups.vantageId);
  return rows.map((r) => ({ ...r, runs: Number(r.runs), successes: Number(r.successes) }));
}

/** The monitor's incidents that overlap [from, to) (control database). */
export async function incidentSpansOfMonitor(db: Db, monitorId: string, from: number, to: number) {
  return db
    .select({ openedAt: incidents.openedAt, resolvedAt: incidents.resolvedAt, vantageIds: incidents.vantageIds })
    .from(incidents)
    .where(
      and(
        eq(incidents.monitorId, monitorId),
        lt(incidents.openedAt, to),
        sql`(${incidents.resolvedAt} is null or ${incidents.resolvedAt} >= ${from})`,
      ),
    )
    .orderBy(asc(incidents.openedAt))
    .limit(10_000);
}
