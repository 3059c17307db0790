import { alertInputOf, auditWithMutes, INITIAL_ALERT_STATE, mutesForRound, nextAlertState } from "@sipwatch/core";
import {
  alertRoundStatements,
  alertSettingsOf,
  type Db,
  type Enqueued,
  enabledChannelsOf,
  mutesInForceOf,
  openMaintenanceWindowsOf,
  runStatements,
  type Statement,
  type VantageAlertState,
  vantageAlertStateStatements,
  vantageAlertStatesOf,
} from "@sipwatch/db";
import type { AuditResult } from "../probing/audit-job";
import type { AlertsEnqueued } from "../scheduled/enqueue-alerts";
import { outboxRowsFor, vantageAuditOf } from "./alert-round";
import { monitorAlertPolicy } from "./monitor-policy";
import { actionKeyPrefix, inHand, openIncidentsOf, roundIncidentWrites } from "./round-incidents";

/**
 * Runs the alert policy over reports an agent just posted, through the same policy, outbox and
 * channels as the regions' rounds.
 *
 * How agents count: each agent is its own sequence of rounds per monitor (vantage_alert_state),
 * one round per report, judged at the report's startedAt. An agent is not one more voter in the
 * regions' quorum: it reports on its own clock (its rounds would interleave with the regions' and
 * reset their counters), and it sees what regions cannot (UDP, private addresses, the office's
 * own network), so "reachable from the edge, failing from the office" must alert on its own. Its
 * round has one vantage, so the quorum is capped at 1 as for any round with fewer reports than
 * the quorum; the monitor's thresholds, reminders, flap suppression, maintenance and finding mutes
 * apply as is.
 * Reports older than the last one counted (an offline queue flushed late, a retry) are skipped.
 */
export async function enqueueAgentAlerts(
  db: Db,
  agent: { agentId: string; organisationId: string },
  stored: readonly AuditResult[],
  now: number,
): Promise<AlertsEnqueued> {
  if (stored.length === 0) return { evaluated: 0, enqueued: 0 };
  const ids = [...new Set(stored.map((r) => r.monitorId))];
  const earliest = Math.min(...stored.map((r) => r.startedAt));
  const [monitors, states, channels, windows, mutes] = await Promise.all([
    alertSettingsOf(db, agent.organisationId, ids),
    vantageAlertStatesOf(db, agent.agentId, ids),
    enabledChannelsOf(db, [agent.organisationId]),
    openMaintenanceWindowsOf(db, ids, earliest),
    // Mutes not over by the oldest report: each report is judged against them at its own time.
    mutesInForceOf(db, ids, earliest),
  ]);
  const incidents = await openIncidentsOf(
    db,
    agent.agentId,
    [...states].map(([monitorId, { state }]) => ({ monitorId, state })),
  );
  const changed: VantageAlertState[] = [];
  const enqueued: Enqueued[] = [];
  const incidentStatements: Statement[] = [];
  let evaluated = 0;
  for (const monitor of monitors) {
    const previous = states.get(monitor.id);
    let state = previous?.state ?? INITIAL_ALERT_STATE;
    let lastRoundAt = previous?.lastRoundAt ?? Number.NEGATIVE_INFINITY;
    const policy = monitorAlertPolicy(monitor, windows.get(monitor.id));
    const reports = stored
      .filter((r) => r.monitorId === monitor.id && r.startedAt > lastRoundAt)
      .sort((a, b) => a.startedAt - b.startedAt);
    // Acknowledged applies to the incident open before these reports; one they open is not yet.
    const acknowledged = inHand(incidents.get(monitor.id));
    for (const report of reports) {
      const audit = auditWithMutes(
        vantageAuditOf(report),
        mutesForRound(mutes.get(monitor.id) ?? [], report.startedAt),
        report.startedAt,
      );
      const input = { ...alertInputOf(monitor.id, [audit]), acknowledged };
      const next = nextAlertState(state, input, policy, report.startedAt);
      const written = await roundIncidentWrites(db, monitor, agent.agentId, next.actions.map(ofAgent(agent.agentId)));
      state = next.state;
      lastRoundAt = report.startedAt;
      evaluated++;
      incidentStatements.push(...written.statements);
      enqueued.push(...outboxRowsFor(monitor, written.actions, channels.get(monitor.organisationId) ?? []));
    }
    if (reports.length > 0) changed.push({ monitorId: monitor.id, vantageId: agent.agentId, state, lastRoundAt });
  }
  await runStatements(db, [
    ...incidentStatements,
    ...vantageAlertStateStatements(db, changed, now),
    ...alertRoundStatements(db, [], enqueued, now),
  ]);
  return { evaluated, enqueued: enqueued.length };
}

/** The agent's incidents are its own: their keys must not collide with the regions' in the outbox. */
const ofAgent =
  (agentId: string) =>
  <A extends { key: string }>(action: A): A => ({ ...action, key: `${actionKeyPrefix(agentId)}${action.key}` });
