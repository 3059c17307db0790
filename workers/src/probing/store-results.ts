import {
  CROSS_VANTAGE_ID,
  crossVantageFindings,
  type Finding,
  findingChanges,
  isAgentVantage,
  outcomeHash,
  outcomeKey,
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
  revokedAgentIds,
  runStatements,
  type StoredState,
  storedStatesOf,
} from "@sipwatch/db";
import type { AuditResult } from "./audit-job";

export interface StoreOutcome {
  runs: number;
  snapshots: number;
  opened: number;
  resolved: number;
}

/**
 * Writes a set of audit results the way the storage design wants it: a run whose outcome equals
 * its vantage's current one only updates that vantage's state row; a change closes the span and
 * opens another; a DNS snapshot only when the record sets' hash changed, finding rows only when
 * a finding opens, resolves or changes severity. Then the cross-vantage rules over every
 * vantage's result of each monitor, stored under the pseudo-vantage "cross" through the same
 * lifecycle. A result at or before its vantage's last recorded run is skipped (a redelivery, a
 * replayed tick). Four reads side by side, one batch of writes for the whole tick.
 */
export async function storeResults(
  db: Db,
  results: readonly AuditResult[],
  known: {
    /** Each result's monitor's organisation (the control database knows it; a shard does not). */
    organisationOf: (monitorId: string) => string;
    snapshotHashes?: Map<string, string>;
    /** The control database, where agents (and their revocation) live; `db` when history shares it. */
    control?: Db;
  },
): Promise<StoreOutcome> {
  if (results.length === 0) return { runs: 0, snapshots: 0, opened: 0, resolved: 0 };
  const monitorIds = [...new Set(results.map((r) => r.monitorId))];
  const [hashes, open, states] = await Promise.all([
    known.snapshotHashes ?? latestSnapshotHashes(db, monitorIds),
    openFindings(db, monitorIds),
    storedStatesOf(db, monitorIds),
  ]);
  const stateOf = new Map(states.map((s) => [pairKey(s.monitorId, s.vantageId), s]));
  const fresh = results.filter((r) => {
    const previous = stateOf.get(pairKey(r.monitorId, r.vantageId));
    return !previous || r.startedAt > previous.lastRunAt;
  });
  // The other vantages' latest runs, for the cross-vantage rules: read only for monitors this
  // store does not hold every recent vantage of (a fleet round holds them all).
  const lacking = monitorsLackingViews(fresh, states);
  const views = lacking.length > 0 ? await latestVantageViews(db, lacking) : [];
  // Revoked agents keep their history but no longer speak for the network they were in.
  const revoked = await revokedAgentIds(known.control ?? db, [
    ...new Set(views.filter((v) => isAgentVantage(v.vantageId)).map((v) => v.vantageId)),
  ]);
  const stored = views.filter((v) => !revoked.has(v.vantageId));
  const records: RunRecord[] = fresh.map((r) => {
    const key = pairKey(r.monitorId, r.vantageId);
    const changed = r.hash !== null && r.hash !== hashes.get(key) && r.resolution !== null;
    // A run that produced no report says nothing about the findings: they stay open.
    const lifecycle = r.summary.status === "error" ? noChange() : lifecycleOf(open.get(key) ?? [], r.findings);
    const previous = stateOf.get(key);
    return {
      monitorId: r.monitorId,
      vantageId: r.vantageId,
      organisationId: known.organisationOf(r.monitorId),
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      run: {
        summary: r.summary,
        outcome: outcomeHash(outcomeKey({ summary: r.summary, findings: r.findings, recordSetsHash: r.hash })),
      },
      ...(previous ? { previous } : {}),
      ...(changed && r.hash && r.recordSets && r.resolution
        ? { snapshot: { hash: r.hash, recordSets: r.recordSets, resolution: r.resolution } }
        : {}),
      ...lifecycle,
    };
  });
  if (fresh.length > 0) records.push(...crossVantageRecords(fresh, stored, open, known.organisationOf));
  await runStatements(db, recordRunStatements(db, records));
  return {
    runs: records.filter((r) => r.run).length,
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

/** Monitors with a recent stored vantage that these results do not hold: their views are read. */
function monitorsLackingViews(results: readonly AuditResult[], states: readonly StoredState[]): string[] {
  if (results.length === 0) return [];
  const held = new Set(results.map((r) => pairKey(r.monitorId, r.vantageId)));
  const monitors = new Set(results.map((r) => r.monitorId));
  const newest = Math.max(...results.map((r) => r.startedAt));
  const lacking = new Set<string>();
  for (const s of states) {
    if (!monitors.has(s.monitorId) || held.has(pairKey(s.monitorId, s.vantageId))) continue;
    if (newest - s.lastRunAt <= STALE_VIEW_MS) lacking.add(s.monitorId);
  }
  return [...lacking];
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
  organisationOf: (monitorId: string) => string,
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
    records.push({
      monitorId,
      vantageId: CROSS_VANTAGE_ID,
      organisationId: organisationOf(monitorId),
      startedAt,
      durationMs: 0,
      ...lifecycle,
    });
  }
  return records;
}
