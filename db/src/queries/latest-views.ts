import type { RecordSet, RunSummary } from "@sipwatch/core";
import { eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { dnsSnapshots, runs } from "../schema/history";
import { chunk } from "./batching";

/** One vantage's latest run of a monitor, with the record sets in force then. */
export interface LatestVantageView {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  summary: RunSummary;
  recordSets: RecordSet[] | null;
}

// The ids are bound twice (regions and agents): 2 x 45 stays under D1's 100 parameters.
const IDS_PER_READ = 45;

const regionRuns = (ids: readonly string[]) => sql`
  SELECT (SELECT r.id FROM run r WHERE r.monitor_id = m.id AND r.vantage_id = 'region:' || j.value ORDER BY r.started_at DESC LIMIT 1)
  FROM monitor m, json_each(m.regions) j
  WHERE m.id IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

// Revoked agents keep their history but no longer speak for the network they were in.
const agentRuns = (ids: readonly string[]) => sql`
  SELECT (SELECT r.id FROM run r WHERE r.monitor_id = m.id AND r.vantage_id = v.id ORDER BY r.started_at DESC LIMIT 1)
  FROM monitor m JOIN vantage_point v ON v.organisation_id = m.organisation_id AND v.kind = 'agent' AND v.revoked_at IS NULL
  WHERE m.id IN (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;

/**
 * The latest run (and its snapshot's record sets) of each vantage of these monitors, for the
 * cross-vantage rules when a store holds only some vantages' new results: a tick has the
 * regions, an agent's report has one agent. `agentsOnly` skips the regions (a tick has them all).
 * One index seek per monitor x vantage, as in latest.ts.
 */
export async function latestVantageViews(
  db: Db,
  monitorIds: readonly string[],
  options: { agentsOnly: boolean },
): Promise<LatestVantageView[]> {
  const pages = await Promise.all(
    chunk([...new Set(monitorIds)], IDS_PER_READ).map((ids) => {
      const runIds = options.agentsOnly ? agentRuns(ids) : sql`${regionRuns(ids)} UNION ALL ${agentRuns(ids)}`;
      return db
        .select({
          monitorId: runs.monitorId,
          vantageId: runs.vantageId,
          startedAt: runs.startedAt,
          summary: runs.summary,
          recordSets: dnsSnapshots.recordSets,
        })
        .from(runs)
        .leftJoin(dnsSnapshots, eq(dnsSnapshots.id, runs.snapshotId))
        .where(sql`${runs.id} IN (${runIds})`);
    }),
  );
  return pages.flat();
}
