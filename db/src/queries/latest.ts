import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, findings, runs } from "../schema/history";

export type RunRow = typeof runs.$inferSelect;

/*
 * "Latest run of each monitor x vantage" as one index seek per pair (run_monitor_vantage_time_idx,
 * ORDER BY started_at DESC LIMIT 1) instead of a GROUP BY over a month of runs. The pairs are
 * each monitor's own regions (json_each over its list, so 3 seeks rather than one per known
 * region) and the organisation's agents.
 */
const latestRunIds = (monitorFilter: ReturnType<typeof sql>) => sql`
  ${runs.id} IN (
    SELECT (SELECT r.id FROM run r WHERE r.monitor_id = m.id AND r.vantage_id = 'region:' || j.value ORDER BY r.started_at DESC LIMIT 1)
    FROM monitor m, json_each(m.regions) j
    WHERE ${monitorFilter}
    UNION ALL
    SELECT (SELECT r.id FROM run r WHERE r.monitor_id = m.id AND r.vantage_id = v.id ORDER BY r.started_at DESC LIMIT 1)
    FROM monitor m JOIN vantage_point v ON v.organisation_id = m.organisation_id
    WHERE ${monitorFilter}
  )`;

/** The latest run per vantage of one monitor of the organisation. */
export async function latestRunsOfMonitor(db: Db, organisationId: string, monitorId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(runs)
    .where(latestRunIds(sql`m.id = ${monitorId} AND m.organisation_id = ${organisationId}`))
    .orderBy(asc(runs.vantageId));
}

/** The overview: the latest run per vantage of every monitor of the organisation. */
export async function latestRunsOfOrganisation(db: Db, organisationId: string): Promise<RunRow[]> {
  return db
    .select()
    .from(runs)
    .where(latestRunIds(sql`m.organisation_id = ${organisationId}`))
    .orderBy(asc(runs.monitorId), asc(runs.vantageId));
}

/** The DNS snapshot in force for one monitor x vantage (the latest one), with its tree. */
export async function snapshotById(db: Db, monitorId: string, snapshotId: number) {
  const [row] = await db
    .select()
    .from(dnsSnapshots)
    .where(and(eq(dnsSnapshots.id, snapshotId), eq(dnsSnapshots.monitorId, monitorId)))
    .limit(1);
  return row;
}

/** Open findings of one monitor, every vantage (including "cross"), most recent first. */
export async function openFindingsOfMonitor(db: Db, monitorId: string) {
  return db
    .select()
    .from(findings)
    .where(and(eq(findings.monitorId, monitorId), isNull(findings.resolvedAt)))
    .orderBy(desc(findings.openedAt));
}

/** One monitor x vantage on the overview: enough for a status, a transport strip and a certificate countdown. */
export interface OverviewRow {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  status: RunRow["status"];
  transports: RunRow["summary"]["transports"];
  certDaysLeft: number | null;
  findings: RunRow["summary"]["findings"];
}

/**
 * The overview's latest runs, slim: the columns a list of 1,000 monitors shows, cut out of the
 * summary by SQLite (json_extract) so a page load does not ship and parse every target's detail.
 */
export async function overviewOfOrganisation(db: Db, organisationId: string): Promise<OverviewRow[]> {
  const rows = await db
    .select({
      monitorId: runs.monitorId,
      vantageId: runs.vantageId,
      startedAt: runs.startedAt,
      status: runs.status,
      transports: sql<string>`json_extract(${runs.summary}, '$.transports')`,
      certDaysLeft: sql<number | null>`json_extract(${runs.summary}, '$.certDaysLeft')`,
      findings: sql<string>`json_extract(${runs.summary}, '$.findings')`,
    })
    .from(runs)
    .where(latestRunIds(sql`m.organisation_id = ${organisationId}`))
    .orderBy(asc(runs.monitorId), asc(runs.vantageId));
  return rows.map((r) => ({ ...r, transports: JSON.parse(r.transports), findings: JSON.parse(r.findings) }));
}
