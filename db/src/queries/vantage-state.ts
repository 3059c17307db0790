import type { RecordSet, RunSummary } from "@sipwatch/core";
import { type AnyColumn, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, vantageStates } from "../schema/history";
import { chunk } from "./batching";

export type VantageStateRow = typeof vantageStates.$inferSelect;

/** A state row without its run summary: all a store needs to plan the next run of the pair. */
export type StoredState = Omit<VantageStateRow, "summary">;

/** "monitorId vantageId": the unit states, snapshots and findings are tracked per. */
export const pairKey = (monitorId: string, vantageId: string) => `${monitorId} ${vantageId}`;

// Leaves room under D1's 100 parameters for the IN list of a read.
export const IDS_PER_READ = 90;

/** Ids per JSON-list read: one bound parameter, well under D1's 100 KB statement. */
export const IDS_PER_LIST = 2000;

/**
 * `column IN (the ids)` with the ids bound as ONE JSON array (json_each), so 1,000 monitors are
 * one statement instead of twelve of 90 bound ids; SQLite still seeks the index per id.
 */
export const idIn = (column: AnyColumn, ids: readonly string[]) =>
  sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/**
 * Reads rows for a list of ids a page of IDS_PER_LIST distinct ids at a time. The pages are
 * independent reads: sent together, their round trips overlap.
 */
export async function readByIdPages<T>(
  ids: readonly string[],
  read: (page: string[]) => Promise<readonly T[]>,
): Promise<T[]> {
  const pages = await Promise.all(chunk([...new Set(ids)], IDS_PER_LIST).map(read));
  return pages.flat();
}

/** The state row of every vantage of these monitors: one seek on the primary key per monitor. */
export async function vantageStatesOf(db: Db, monitorIds: readonly string[]): Promise<VantageStateRow[]> {
  return readByIdPages(monitorIds, (ids) => db.select().from(vantageStates).where(idIn(vantageStates.monitorId, ids)));
}

const { summary: _summary, ...storedStateColumns } = getTableColumns(vantageStates);

/**
 * The state rows of these monitors without their ~1.7 KB summaries: a store plans runs from
 * the outcome, span and accumulators, and reads summaries only for the cross-vantage views it
 * lacks (latestVantageViews). At 9,000 pairs a tick that is ~15 MB less to read and parse.
 */
export async function storedStatesOf(db: Db, monitorIds: readonly string[]): Promise<StoredState[]> {
  return readByIdPages(monitorIds, (ids) =>
    db.select(storedStateColumns).from(vantageStates).where(idIn(vantageStates.monitorId, ids)),
  );
}

/** One vantage's latest run of a monitor, with the record sets in force then. */
export interface LatestVantageView {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  summary: RunSummary;
  recordSets: RecordSet[] | null;
}

/**
 * The latest run (and its snapshot's record sets) of each vantage of these monitors, for the
 * cross-vantage rules when a store holds only some vantages' new results. History tables only:
 * which agents still count is the caller's question to the control database.
 */
export async function latestVantageViews(db: Db, monitorIds: readonly string[]): Promise<LatestVantageView[]> {
  return readByIdPages(monitorIds, (ids) =>
    db
      .select({
        monitorId: vantageStates.monitorId,
        vantageId: vantageStates.vantageId,
        startedAt: vantageStates.lastRunAt,
        summary: vantageStates.summary,
        recordSets: dnsSnapshots.recordSets,
      })
      .from(vantageStates)
      .leftJoin(dnsSnapshots, eq(dnsSnapshots.id, vantageStates.snapshotId))
      .where(idIn(vantageStates.monitorId, ids)),
  );
}

/** The hash of the latest DNS snapshot of each monitor x vantage, by pairKey. Snapshots are rare, so the scan is short. */
export async function latestSnapshotHashes(db: Db, monitorIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await readByIdPages(monitorIds, (ids) =>
    db
      .select({ monitorId: dnsSnapshots.monitorId, vantageId: dnsSnapshots.vantageId, hash: dnsSnapshots.hash })
      .from(dnsSnapshots)
      .where(
        sql`${dnsSnapshots.id} IN (SELECT max(id) FROM dns_snapshot WHERE ${idIn(dnsSnapshots.monitorId, ids)} GROUP BY monitor_id, vantage_id)`,
      ),
  );
  return new Map(rows.map((row) => [pairKey(row.monitorId, row.vantageId), row.hash]));
}
