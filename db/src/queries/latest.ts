import type { RunSummary } from "@sipwatch/core";
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, findings, vantageStates } from "../schema/history";

/** A vantage's latest run of a monitor, from its state row. */
export interface LatestRun {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  durationMs: number;
  status: RunSummary["status"];
  summary: RunSummary;
  snapshotId: number | null;
  /** Since when the outcome has been the same, and over how many runs. */
  spanStartedAt: number;
  spanRuns: number;
}

const latestColumns = {
  monitorId: vantageStates.monitorId,
  vantageId: vantageStates.vantageId,
  startedAt: vantageStates.lastRunAt,
  durationMs: vantageStates.durationMs,
  status: sql<RunSummary["status"]>`json_extract(${vantageStates.summary}, '$.status')`,
  summary: vantageStates.summary,
  snapshotId: vantageStates.snapshotId,
  spanStartedAt: vantageStates.spanStartedAt,
  spanRuns: vantageStates.spanRuns,
};

/**
 * The latest run per vantage of one monitor: one range of the state key. Every vantage that
 * ever ran it; which still count (the monitor's regions, the organisation's agents) is the
 * caller's to decide from the control database.
 */
export async function latestRunsOfMonitor(db: Db, monitorId: string): Promise<LatestRun[]> {
  return db
    .select(latestColumns)
    .from(vantageStates)
    .where(eq(vantageStates.monitorId, monitorId))
    .orderBy(asc(vantageStates.vantageId));
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
  status: RunSummary["status"];
  transports: RunSummary["transports"];
  certDaysLeft: number | null;
  findings: RunSummary["findings"];
}

/**
 * The overview's latest runs of an organisation, slim: the columns a list of 1,000 monitors
 * shows, cut out of the state rows' summaries by SQLite so a page load does not ship every
 * target's detail. ONE json_extract with four paths (it returns them as a JSON array): each path
 * in its own json_extract parsed the ~1.7 KB summary four times, 2.5x slower over 3,000 rows.
 * The rows come back as JSON arrays of up to OVERVIEW_CHUNK rows each (json_group_array): D1
 * hands every result row to the Worker value by value, and for 3,000 rows that cost more than
 * SQLite's reading and cutting them (bench: 3,000 rows 17-24 ms, the same rows as one array
 * 8-11 ms). Chunks, not one array: D1 refuses a string over 2,000,000 bytes (its limits page;
 * local D1 does not enforce it), and 1,000 monitors x 9 regions of slim rows can pass that.
 * One range of vantage_state_org_idx, so it needs no monitor list and runs side by side with the
 * control database's; rows of monitors deleted since are the caller's to drop.
 */
export async function overviewOfOrganisation(db: Db, organisationId: string): Promise<OverviewRow[]> {
  const chunks = await db.all<{ rows: string }>(sql`
    SELECT json_group_array(json(item)) AS rows FROM (
      SELECT json_array(${vantageStates.monitorId}, ${vantageStates.vantageId}, ${vantageStates.lastRunAt},
        json_extract(${vantageStates.summary}, '$.status', '$.transports', '$.certDaysLeft', '$.findings')) AS item,
        (row_number() OVER () - 1) / ${OVERVIEW_CHUNK} AS chunk
      FROM ${vantageStates} WHERE ${vantageStates.organisationId} = ${organisationId}
    ) GROUP BY chunk`);
  const rows = chunks.flatMap(
    (chunk) =>
      JSON.parse(chunk.rows) as [
        string,
        string,
        number,
        [RunSummary["status"], RunSummary["transports"], number | null, RunSummary["findings"]],
      ][],
  );
  return rows
    .map(([monitorId, vantageId, startedAt, [status, transports, certDaysLeft, findings]]) => ({
      monitorId,
      vantageId,
      startedAt,
      status,
      transports,
      certDaysLeft,
      findings,
    }))
    .sort((a, b) => compare(a.monitorId, b.monitorId) || compare(a.vantageId, b.vantageId));
}

/**
 * Slim rows per JSON array. A slim row is a few hundred bytes (a transport strip and the open
 * finding ids); 500 of them stay far under D1's 2 MB per string even with every finding of the
 * catalogue open.
 */
const OVERVIEW_CHUNK = 500;

// SQLite's default (BINARY) order, which ORDER BY gave before: by code unit, not locale.
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
