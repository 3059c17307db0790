import {
  type AlertState,
  alertInputOf,
  auditWithMutes,
  INITIAL_ALERT_STATE,
  mutesForRound,
  nextAlertState,
} from "@sipwatch/core";
import {
  alertRoundStatements,
  alertStatesOf,
  alertStatesWrittenAt,
  type Db,
  type DueMonitor,
  type Enqueued,
  enabledChannelsOf,
  mutesInForceOf,
  openMaintenanceWindowsOf,
  runStatements,
  type Statement,
} from "@sipwatch/db";
import { outboxRowsFor, vantageAuditOf } from "../alerts/alert-round";
import { monitorAlertPolicy } from "../alerts/monitor-policy";
import { inHand, openIncidentsOf, REGIONS_STREAM, roundIncidentWrites } from "../alerts/round-incidents";
import type { AuditResult } from "../probing/audit-job";

export interface AlertsEnqueued {
  evaluated: number;
  enqueued: number;
}

export type AlertedMonitor = Pick<DueMonitor, "id" | "organisationId" | "thresholds"> &
  Partial<Pick<DueMonitor, "alertPolicy">>;

/**
 * Runs the alert policy over this tick's audits, one round per monitor (every region that
 * audited it), and stores the new states with one outbox row per action and enabled channel in
 * one batch. States that did not change are not rewritten: most rounds of most monitors change
 * nothing. Each monitor's stored policy and its maintenance windows that have not ended apply,
 * and its finding mutes in force at the round's time (read for every monitor of the round at once):
 * a muted finding neither fails a vantage nor appears in a message.
 * `now` is the round's time (the tick's scheduled time), also what a state written by it carries.
 */
export async function enqueueAlerts(
  db: Db,
  audited: readonly AlertedMonitor[],
  results: readonly AuditResult[],
  now: number,
): Promise<AlertsEnqueued> {
  const byMonitor = new Map<string, AuditResult[]>();
  for (const r of results) byMonitor.set(r.monitorId, [...(byMonitor.get(r.monitorId) ?? []), r]);
  const candidates = audited.filter((m) => byMonitor.has(m.id));
  if (candidates.length === 0) return { evaluated: 0, enqueued: 0 };
  // A round already evaluated (its queue message delivered again after the alerts were stored)
  // is not counted twice: the state it wrote carries the round's time.
  const written = await alertStatesWrittenAt(
    db,
    candidates.map((m) => m.id),
  );
  const monitors = candidates.filter((m) => (written.get(m.id) ?? Number.NEGATIVE_INFINITY) < now);
  if (monitors.length === 0) return { evaluated: 0, enqueued: 0 };
  const ids = monitors.map((m) => m.id);
  const [states, channels, windows, mutes] = await Promise.all([
    alertStatesOf(db, ids),
    enabledChannelsOf(
      db,
      monitors.map((m) => m.organisationId),
    ),
    openMaintenanceWindowsOf(db, ids, now),
    mutesInForceOf(db, ids, now),
  ]);
  const incidents = await openIncidentsOf(
    db,
    REGIONS_STREAM,
    [...states].map(([monitorId, state]) => ({ monitorId, state })),
  );
  const changed: Array<{ monitorId: string; state: AlertState }> = [];
  const enqueued: Enqueued[] = [];
  const incidentStatements: Statement[] = [];
  for (const monitor of monitors) {
    const muted = mutesForRound(mutes.get(monitor.id) ?? [], now);
    const round = (byMonitor.get(monitor.id) ?? []).map((r) => auditWithMutes(vantageAuditOf(r), muted, now));
    const previous = states.get(monitor.id) ?? INITIAL_ALERT_STATE;
    const policy = monitorAlertPolicy(monitor, windows.get(monitor.id));
    const input = { ...alertInputOf(monitor.id, round), acknowledged: inHand(incidents.get(monitor.id)) };
    const next = nextAlertState(previous, input, policy, now);
    if (JSON.stringify(next.state) !== JSON.stringify(previous))
      changed.push({ monitorId: monitor.id, state: next.state });
    const written = await roundIncidentWrites(db, monitor, REGIONS_STREAM, next.actions);
    incidentStatements.push(...written.statements);
    enqueued.push(...outboxRowsFor(monitor, written.actions, channels.get(monitor.organisationId) ?? []));
  }
  // One batch: the incident opens (or closes) with the state that says so, never apart from it.
  await runStatements(db, [...incidentStatements, ...alertRoundStatements(db, changed, enqueued, now)]);
  return { evaluated: monitors.length, enqueued: enqueued.length };
}
