import type { RecordSet, RunSummary } from "@sipwatch/core";
import { type AnyColumn, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, vantageStates } from "../schema/history";
import { chunk } from "./batching";

export type VantageStateRow = typeof vantageStates.$inferSelect;

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

/** One vantage's latest run of a monitor, with the record sets in force then. */
export interface LatestVantageView {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  summary: RunSummary;
  recordSets: RecordSet[] | null;
}

/**
 * The record sets in force for each vantage of these monitors (its state's snapshot), by
 * pairKey. With the state rows a store reads anyway, they make every vantage's latest view for
 * the cross-vantage rules, without reading the ~2 KB summaries a second time.
 */
export async function snapshotRecordSetsOf(db: Db, monitorIds: readonly string[]): Promise<Map<string, RecordSet[]>> {
  const rows = await readByIdPages(monitorIds, (ids) =>
    db
      .select({
        monitorId: vantageStates.monitorId,
        vantageId: vantageStates.vantageId,
        recordSets: dnsSnapshots.recordSets,
      })
      .from(vantageStates)
      .innerJoin(dnsSnapshots, eq(dnsSnapshots.id, vantageStates.snapshotId))
      .where(idIn(vantageStates.monitorId, ids)),
  );
  return new Map(rows.map((row) => [pairKey(row.monitorId, row.vantageId), row.recordSets]));
}

/** The latest run of each vantage, from its state row and the record sets in force. */
export const latestVantageViews = (
  states: readonly VantageStateRow[],
  recordSets: ReadonlyMap<string, RecordSet[]>,
): LatestVantageView[] =>
  states.map((s) => ({
    monitorId: s.monitorId,
    vantageId: s.vantageId,
    startedAt: s.lastRunAt,
    summary: s.summary,
    recordSets: recordSets.get(pairKey(s.monitorId, s.vantageId)) ?? null,
  }));

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
