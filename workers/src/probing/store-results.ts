import {
  CROSS_VANTAGE_ID,
  crossVantageFindings,
  type Finding,
  findingChanges,
  isRegionVantage,
  type RecordSet,
  type RunSummary,
} from "@sipwatch/core";
import {
  type Db,
  type LatestVantageView,
  latestSnapshotHashes,
  latestVantageViews,
  type OpenFindingRow,
  openFindings,
  pairKey,
  type RunRecord,
  recordRunStatements,
  runStatements,
} from "@sipwatch/db";
import type { AuditResult } from "./audit-job";

export interface StoreOutcome {
  runs: number;
  snapshots: number;
  opened: number;
  resolved: number;
}

/**
 * Writes a set of audit results the way the storage design wants it: one run row each, a DNS
 * snapshot only when the record sets' hash changed, finding rows only when a finding opens,
 * resolves or changes severity. Then the cross-vantage rules over every region's result of each
 * monitor, stored under the pseudo-vantage "cross" through the same lifecycle. Three reads
 * (hashes, open findings, the other vantages' latest runs), one batch of writes for the whole tick.
 */
export async function storeResults(
  db: Db,
  results: readonly AuditResult[],
  known?: { snapshotHashes?: Map<string, string> },
): Promise<StoreOutcome> {
  if (results.length === 0) return { runs: 0, snapshots: 0, opened: 0, resolved: 0 };
  const monitorIds = [...new Set(results.map((r) => r.monitorId))];
  // A tick carries every region of its monitors, so only the agents' latest runs are missing;
  // an agent's report carries one agent, so the regions and the other agents are.
  const agentsOnly = results.every((r) => isRegionVantage(r.vantageId));
  const [hashes, open, stored] = await Promise.all([
    known?.snapshotHashes ?? latestSnapshotHashes(db, monitorIds),
    openFindings(db, monitorIds),
    latestVantageViews(db, monitorIds, { agentsOnly }),
  ]);
  const records: RunRecord[] = results.map((r) => {
    const key = pairKey(r.monitorId, r.vantageId);
    const changed = r.hash !== null && r.hash !== hashes.get(key) && r.resolution !== null;
    // A run that produced no report says nothing about the findings: they stay open.
    const lifecycle = r.summary.status === "error" ? noChange() : lifecycleOf(open.get(key) ?? [], r.findings);
    return {
      monitorId: r.monitorId,
      vantageId: r.vantageId,
      ...(r.reportId ? { reportId: r.reportId } : {}),
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      summary: r.summary,
      ...(changed && r.hash && r.recordSets && r.resolution
        ? { snapshot: { hash: r.hash, recordSets: r.recordSets, resolution: r.resolution } }
        : {}),
      ...lifecycle,
    };
  });
  records.push(...crossVantageRecords(results, stored, open));
  await runStatements(db, recordRunStatements(db, records));
  return {
    runs: records.filter((r) => r.summary).length,
    snapshots: records.filter((r) => r.snapshot).length,
    opened: records.reduce((n, r) => n + r.opened.length, 0),
    resolved: records.reduce((n, r) => n + r.resolvedIds.length, 0),
  };
}

const noChange = () => ({ opened: [] as Finding[], resolvedIds: [] as number[] });

/** A severity change resolves the old row and opens a new one, so the timeline shows when it rose. */
function lifecycleOf(open: readonly OpenFindingRow[], reported: readonly Finding[]) {
  const changes = findingChanges(open, reported);
  return {
    opened: [...changes.opened, ...changes.severityChanged.map((c) => c.finding)],
    resolvedIds: [...changes.resolved.map((o) => o.id), ...changes.severityChanged.map((c) => c.open.id)],
  };
}

/** A vantage's latest run older than this no longer speaks for it (an agent switched off, a region dropped). */
const STALE_VIEW_MS = 3 * 60 * 60 * 1000;

interface View {
  vantageId: string;
  startedAt: number;
  summary: RunSummary;
  recordSets: RecordSet[] | null;
}

/** This store's results per monitor, completed with the other vantages' latest stored runs. */
function viewsByMonitor(results: readonly AuditResult[], stored: readonly LatestVantageView[]): Map<string, View[]> {
  const byMonitor = new Map<string, View[]>();
  for (const r of results) byMonitor.set(r.monitorId, [...(byMonitor.get(r.monitorId) ?? []), r]);
  const newest = Math.max(...results.map((r) => r.startedAt));
  for (const s of stored) {
    const views = byMonitor.get(s.monitorId);
    if (!views || views.some((v) => v.vantageId === s.vantageId)) continue;
    if (newest - s.startedAt > STALE_VIEW_MS) continue;
    views.push(s);
  }
  return byMonitor;
}

/** Cross-vantage findings need two vantages that produced a report; with fewer, nothing changes. */
function crossVantageRecords(
  results: readonly AuditResult[],
  stored: readonly LatestVantageView[],
  open: Map<string, OpenFindingRow[]>,
): RunRecord[] {
  const records: RunRecord[] = [];
  for (const [monitorId, views] of viewsByMonitor(results, stored)) {
    const reported = views.filter((v) => v.summary.status !== "error" && v.recordSets);
    if (reported.length < 2) continue;
    const findings = crossVantageFindings(
      reported.map((v) => ({ vantageId: v.vantageId, summary: v.summary })),
      reported.map((v) => ({ vantageId: v.vantageId, recordSets: v.recordSets ?? [] })),
    );
    const startedAt = Math.max(...views.map((v) => v.startedAt));
    const lifecycle = lifecycleOf(open.get(pairKey(monitorId, CROSS_VANTAGE_ID)) ?? [], findings);
    if (lifecycle.opened.length === 0 && lifecycle.resolvedIds.length === 0) continue;
    records.push({ monitorId, vantageId: CROSS_VANTAGE_ID, startedAt, durationMs: 0, ...lifecycle });
  }
  return records;
}
