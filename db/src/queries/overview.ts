import type { Severity } from "@sipwatch/core";
import { and, isNull } from "drizzle-orm";
import type { Db } from "../db";
import { findings } from "../schema/history";
import { chunk } from "./batching";
import { IDS_PER_LIST, idIn } from "./vantage-state";

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

/**
 * Every open finding of these monitors, slim. The partial index finding_open_idx holds only
 * open rows, so this reads what is open, not the history of resolved ones.
 */
export async function openFindingsOfMonitors(db: Db, monitorIds: readonly string[]): Promise<OpenFindingBrief[]> {
  const pages = await Promise.all(
    chunk([...new Set(monitorIds)], IDS_PER_LIST).map((ids) =>
      db
        .select({
          monitorId: findings.monitorId,
          vantageId: findings.vantageId,
          findingId: findings.findingId,
          subject: findings.subject,
          severity: findings.severity,
          title: findings.title,
          openedAt: findings.openedAt,
        })
        .from(findings)
        .where(and(idIn(findings.monitorId, ids), isNull(findings.resolvedAt))),
    ),
  );
  return pages.flat();
}
