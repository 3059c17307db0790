import { type AlertState, alertInputOf, alertPolicyOf, INITIAL_ALERT_STATE, nextAlertState } from "@sipwatch/core";
import {
  alertRoundStatements,
  alertStatesOf,
  type Db,
  type DueMonitor,
  type Enqueued,
  enabledChannelsOf,
  runStatements,
} from "@sipwatch/db";
import type { AuditResult } from "../probing/audit-job";

export interface AlertsEnqueued {
  evaluated: number;
  enqueued: number;
}

/**
 * Runs the alert policy over this tick's audits, one round per monitor (every region that
 * audited it), and stores the new states with one outbox row per action and enabled channel in
 * one batch. States that did not change are not rewritten: most rounds of most monitors change
 * nothing.
 */
export async function enqueueAlerts(
  db: Db,
  audited: ReadonlyArray<Pick<DueMonitor, "id" | "organisationId" | "thresholds">>,
  results: readonly AuditResult[],
  now: number,
): Promise<AlertsEnqueued> {
  const byMonitor = new Map<string, AuditResult[]>();
  for (const r of results) byMonitor.set(r.monitorId, [...(byMonitor.get(r.monitorId) ?? []), r]);
  const monitors = audited.filter((m) => byMonitor.has(m.id));
  if (monitors.length === 0) return { evaluated: 0, enqueued: 0 };
  const [states, channels] = await Promise.all([
    alertStatesOf(
      db,
      monitors.map((m) => m.id),
    ),
    enabledChannelsOf(
      db,
      monitors.map((m) => m.organisationId),
    ),
  ]);
  const changed: Array<{ monitorId: string; state: AlertState }> = [];
  const enqueued: Enqueued[] = [];
  for (const monitor of monitors) {
    const round = (byMonitor.get(monitor.id) ?? []).map((r) => ({
      vantageId: r.vantageId,
      status: r.summary.status,
      certDaysLeft: r.summary.certDaysLeft,
      findings: r.findings,
    }));
    const previous = states.get(monitor.id) ?? INITIAL_ALERT_STATE;
    const next = nextAlertState(previous, alertInputOf(monitor.id, round), alertPolicyOf(monitor.thresholds), now);
    if (JSON.stringify(next.state) !== JSON.stringify(previous))
      changed.push({ monitorId: monitor.id, state: next.state });
    for (const action of next.actions) {
      for (const channel of channels.get(monitor.organisationId) ?? []) {
        enqueued.push({ organisationId: monitor.organisationId, monitorId: monitor.id, channelId: channel.id, action });
      }
    }
  }
  await runStatements(db, alertRoundStatements(db, changed, enqueued, now));
  return { evaluated: monitors.length, enqueued: enqueued.length };
}
