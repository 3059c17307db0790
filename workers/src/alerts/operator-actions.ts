import type { AlertAction } from "@sipwatch/core";
import {
  alertRoundStatements,
  type Db,
  enabledChannelsOf,
  type IncidentRow,
  type IncidentStatus,
  runStatements,
  transitionStatements,
  updateEventStatement,
} from "@sipwatch/db";
import { outboxRowsFor } from "./alert-round";
import { actionKeyPrefix } from "./round-incidents";

export type OperatorOutcome = { changed: true } | { changed: false; status: IncidentStatus };

/**
 * An operator takes the incident: the timeline says who, the alert policy stops reminding (it
 * reads the status each round), and every enabled channel is told (PagerDuty and Opsgenie
 * acknowledge their alert), all in one batch. Acknowledging twice changes nothing the second time.
 */
export async function acknowledgeIncident(db: Db, incident: IncidentRow, author: string, now: number) {
  if (incident.status !== "open") return { changed: false, status: incident.status } satisfies OperatorOutcome;
  const action: AlertAction = {
    kind: "acknowledged",
    monitorId: incident.monitorId,
    key: `${actionKeyPrefix(incident.alertStream)}acknowledged:${incident.openedAt}`,
    at: now,
    since: incident.openedAt,
    by: author,
    incidentId: incident.id,
  };
  const transition = { incidentId: incident.id, at: now, author, from: ["open" as const], to: "acknowledged" as const };
  await runStatements(db, [
    ...transitionStatements(db, transition),
    ...(await outboxStatements(db, incident, action, now)),
  ]);
  return { changed: true } satisfies OperatorOutcome;
}

/**
 * An operator closes the incident, healed or not. Channels get the same "resolved" the policy
 * sends when the monitor heals, under the same key, so the policy's later one is not sent again.
 */
export async function resolveIncident(db: Db, incident: IncidentRow, author: string, now: number) {
  if (incident.status === "resolved") return { changed: false, status: incident.status } satisfies OperatorOutcome;
  const action: AlertAction = {
    kind: "resolved",
    monitorId: incident.monitorId,
    key: `${actionKeyPrefix(incident.alertStream)}resolved:${incident.openedAt}`,
    at: now,
    since: incident.openedAt,
    incidentId: incident.id,
  };
  const transition = {
    incidentId: incident.id,
    at: now,
    author,
    from: ["open" as const, "acknowledged" as const],
    to: "resolved" as const,
  };
  await runStatements(db, [
    ...transitionStatements(db, transition),
    ...(await outboxStatements(db, incident, action, now)),
  ]);
  return { changed: true } satisfies OperatorOutcome;
}

/** A note on the timeline; only notes marked public leave the dashboard (status pages). */
export async function postIncidentUpdate(
  db: Db,
  incident: IncidentRow,
  update: { author: string; body: string; public: boolean },
  now: number,
) {
  await runStatements(db, [updateEventStatement(db, incident, { ...update, at: now })]);
}

async function outboxStatements(db: Db, incident: IncidentRow, action: AlertAction, now: number) {
  const channels = await enabledChannelsOf(db, [incident.organisationId]);
  const rows = outboxRowsFor(
    { id: incident.monitorId, organisationId: incident.organisationId },
    [action],
    channels.get(incident.organisationId) ?? [],
  );
  return alertRoundStatements(db, [], rows, now);
}
