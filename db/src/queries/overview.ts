import type { Severity } from "@sipwatch/core";
import { and, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { findings } from "../schema/history";
import { idIn, readByIdPages } from "./vantage-state";

/** An open finding as the overview shows it: enough to pick and name each monitor's worst. */
export interface OpenFindingBrief {
  monitorId: string;
  /** With `subject`, what a finding mute matches (both are in finding_open_idx). */
  vantageId: string;
  findingId: string;
  subject: string;
  severity: Severity;
  title: string;
  openedAt: number;
}

const openFindingBrief = {
  monitorId: findings.monitorId,
  vantageId: findings.vantageId,
  findingId: findings.findingId,
  subject: findings.subject,
  severity: findings.severity,
  title: findings.title,
  openedAt: findings.openedAt,
};

/**
 * Every open finding of an organisation's monitors, slim. The monitors are the ones with a state
 * row of the organisation (a finding is only ever opened by a stored run, which writes one), a
 * range of vantage_state_org_idx; then a seek per monitor on the partial index finding_open_idx,
 * which holds only open rows. No monitor list needed: it runs beside the control read.
 */
export async function openFindingsOfOrganisation(db: Db, organisationId: string): Promise<OpenFindingBrief[]> {
  return db
    .select(openFindingBrief)
    .from(findings)
    .where(
      and(
        sql`${findings.monitorId} IN (SELECT DISTINCT monitor_id FROM vantage_state WHERE organisation_id = ${organisationId})`,
        isNull(findings.resolvedAt),
      ),
    );
}

/**
 * Every open finding of these monitors, slim (a status page's monitors). The partial index
 * finding_open_idx holds only open rows, so this reads what is open, not resolved history.
 */
export async function openFindingsOfMonitors(db: Db, monitorIds: readonly string[]): Promise<OpenFindingBrief[]> {
  return readByIdPages(monitorIds, (ids) =>
    db
      .select(openFindingBrief)
      .from(findings)
      .where(and(idIn(findings.monitorId, ids), isNull(findings.resolvedAt))),
  );
}
