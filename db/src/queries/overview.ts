import { OVERALL, type Severity } from "@sipwatch/core";
import { sql } from "drizzle-orm";
import type { Db } from "../db";

/** An open finding as the overview shows it: enough to pick and name each monitor's worst. */
export interface OpenFindingBrief {
  monitorId: string;
  findingId: string;
  severity: Severity;
  title: string;
  openedAt: number;
}

/**
 * Every open finding of the organisation's monitors, slim. The partial index finding_open_idx
 * holds only open rows, so this reads what is open, not the history of resolved ones.
 */
export async function openFindingsOfOrganisation(db: Db, organisationId: string): Promise<OpenFindingBrief[]> {
  return db.all<OpenFindingBrief>(sql`
    SELECT f.monitor_id AS monitorId, f.finding_id AS findingId, f.severity, f.title, f.opened_at AS openedAt
    FROM finding f INDEXED BY finding_open_idx
    WHERE f.resolved_at IS NULL
      AND f.monitor_id IN (SELECT id FROM monitor WHERE organisation_id = ${organisationId})`);
}

export interface AvailabilityPoint {
  monitorId: string;
  bucketStart: number;
  runs: number;
  successes: number;
}

/**
 * Hourly availability of every monitor of the organisation since `from`, all vantages summed:
 * the overview's sparklines. Each monitor x vantage is one seek on the rollup primary key
 * (monitor, vantage, transport, granularity, bucket), the vantages being the monitor's regions
 * and the organisation's agents, so hourly rows kept for months are never scanned.
 */
export async function hourlyAvailabilityOfOrganisation(
  db: Db,
  organisationId: string,
  from: number,
): Promise<AvailabilityPoint[]> {
  return db.all<AvailabilityPoint>(sql`
    SELECT r.monitor_id AS monitorId, r.bucket_start AS bucketStart, SUM(r.runs) AS runs, SUM(r.successes) AS successes
    FROM (
      SELECT m.id AS mid, 'region:' || j.value AS vid FROM monitor m, json_each(m.regions) j
      WHERE m.organisation_id = ${organisationId}
      UNION ALL
      SELECT m.id, v.id FROM monitor m JOIN vantage_point v ON v.organisation_id = m.organisation_id
      WHERE m.organisation_id = ${organisationId}
    ) p
    JOIN rollup r ON r.monitor_id = p.mid AND r.vantage_id = p.vid AND r.transport = ${OVERALL}
      AND r.granularity = 'hour' AND r.bucket_start >= ${from}
    GROUP BY r.monitor_id, r.bucket_start
    ORDER BY r.monitor_id, r.bucket_start`);
}
