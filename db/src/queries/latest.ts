import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { dnsSnapshots, findings, runs } from "../schema/history";
import type { SipwatchDb } from "./db";

export type RunRow = typeof runs.$inferSelect;

/*
 * "Latest run of each monitor x vantage" as one index seek per pair (run_monitor_vantage_time_idx,
 * ORDER BY started_at DESC LIMIT 1) instead of a GROUP BY over a month of runs. The pairs are
 * the organisation's monitors crossed with the vantage points it can see (regions and its agents).
 */
const latestRunIds = (monitorFilter: ReturnType<typeof sql>) => sql`
  ${runs.id} IN (
    SELECT (SELECT r.id FROM run r WHERE r.monitor_id = m.id AND r.vantage_id = v.id ORDER BY r.started_at DESC LIMIT 1)
    FROM monitor m, vantage_point v
    WHERE ${monitorFilter} AND (v.organisation_id IS NULL OR v.organisation_id = m.organisation_id)
  )`;

/** The latest run per vantage of one monitor of the organisation. */
export async function latestRunsOfMonitor(
  db: SipwatchDb,
  organisationId: string,
  monitorId: string,
): Promise<RunRow[]> {
  return db
    .select()
    .from(runs)
    .where(latestRunIds(sql`m.id = ${monitorId} AND m.organisation_id = ${organisationId}`))
    .orderBy(asc(runs.vantageId));
}

/** The overview: the latest run per vantage of every monitor of the organisation. */
export async function latestRunsOfOrganisation(db: SipwatchDb, organisationId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(runs)
    .where(latestRunIds(sql`m.organisation_id = ${organisationId}`))
    .orderBy(asc(runs.monitorId), asc(runs.vantageId));
}

/** The DNS snapshot in force for one monitor x vantage (the latest one), with its tree. */
export async function snapshotById(db: SipwatchDb, monitorId: string, snapshotId: number) {
  const [row] = await db
    .select()
    .from(dnsSnapshots)
    .where(and(eq(dnsSnapshots.id, snapshotId), eq(dnsSnapshots.monitorId, monitorId)))
    .limit(1);
  return row;
}

/** Open findings of one monitor, every vantage (including "cross"), most recent first. */
export async function openFindingsOfMonitor(db: SipwatchDb, monitorId: string) {
  return db
    .select()
    .from(findings)
    .where(and(eq(findings.monitorId, monitorId), isNull(findings.resolvedAt)))
    .orderBy(desc(findings.openedAt));
}
