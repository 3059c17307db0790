import { type AlertAction, type AlertFinding, type AlertState, toHex } from "@sipwatch/core";
import {
  type Db,
  type IncidentRow,
  incidentsByIds,
  type NewIncident,
  openIncidentStatements,
  type Statement,
  SYSTEM_AUTHOR,
  transitionStatements,
} from "@sipwatch/db";

/** The regions' alert sequence (alert_state); an agent's is named by its id (vantage_alert_state). */
export const REGIONS_STREAM = "regions";

/** Agents' action keys carry their id, so they never collide with the regions' in the outbox. */
export const actionKeyPrefix = (stream: string) => (stream === REGIONS_STREAM ? "" : `${stream}:`);

/**
 * The incident of one opening of one alert sequence: derived, not random, so a round evaluated
 * twice names the same incident, and every later notification (reminder, resolve) finds it
 * from the action alone. 128 bits of SHA-256 keep ids unguessable across organisations as
 * long as monitor ids are.
 */
export async function incidentIdOf(monitorId: string, stream: string, since: number): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`${monitorId}/${stream}/${since}`));
  return `inc_${toHex(new Uint8Array(digest).slice(0, 16))}`;
}

/** The incidents behind the open states of a round, by monitor id, to tell the policy which are acknowledged. */
export async function openIncidentsOf(
  db: Db,
  stream: string,
  states: ReadonlyArray<{ monitorId: string; state: AlertState }>,
): Promise<Map<string, IncidentRow>> {
  const wanted = new Map<string, string>();
  for (const { monitorId, state } of states) {
    if (state.open && state.openedAt !== null)
      wanted.set(await incidentIdOf(monitorId, stream, state.openedAt), monitorId);
  }
  if (wanted.size === 0) return new Map();
  const found = await incidentsByIds(db, [...wanted.keys()]);
  return new Map([...found.values()].map((row) => [wanted.get(row.id) ?? row.monitorId, row]));
}

/** Acknowledged or closed by an operator: either way nobody should be reminded of it. */
export const inHand = (incident: IncidentRow | undefined) => incident !== undefined && incident.status !== "open";

/**
 * The incident writes a round's actions call for, to store in the batch with the alert state:
 * "opened" opens one (with the monitor's findings and failing vantages), "resolved" closes it
 * unless an operator already did. Every action of an incident carries its id.
 */
export async function roundIncidentWrites(
  db: Db,
  monitor: { id: string; organisationId: string },
  stream: string,
  actions: readonly AlertAction[],
): Promise<{ actions: AlertAction[]; statements: Statement[] }> {
  const statements: Statement[] = [];
  const out: AlertAction[] = [];
  for (const action of actions) {
    if (action.kind !== "opened" && action.kind !== "reminder" && action.kind !== "resolved") {
      out.push(action);
      continue;
    }
    const incidentId = await incidentIdOf(monitor.id, stream, action.since);
    out.push({ ...action, incidentId });
    if (action.kind === "opened") {
      statements.push(...openIncidentStatements(db, [openedIncident(monitor, stream, incidentId, action)]));
    } else if (action.kind === "resolved") {
      statements.push(
        ...transitionStatements(db, {
          incidentId,
          at: action.at,
          author: SYSTEM_AUTHOR,
          from: ["open", "acknowledged"],
          to: "resolved",
        }),
      );
    }
  }
  return { actions: out, statements };
}

function openedIncident(
  monitor: { id: string; organisationId: string },
  stream: string,
  id: string,
  action: Extract<AlertAction, { kind: "opened" }>,
): NewIncident {
  return {
    id,
    organisationId: monitor.organisationId,
    monitorId: monitor.id,
    status: "open",
    alertStream: stream,
    title: incidentTitle(action.findings, action.failingVantages),
    findings: action.findings,
    vantageIds: action.failingVantages,
    openedAt: action.since,
    updatedAt: action.at,
  };
}

/** The first broken thing in words, and how many more: what an on-call person reads first. */
export function incidentTitle(findings: readonly AlertFinding[], vantages: readonly string[]): string {
  const [first] = findings;
  if (!first) return `Failing from ${vantages.length} vantage${vantages.length === 1 ? "" : "s"}`;
  const more = findings.length - 1;
  return more > 0 ? `${first.title} (+${more} more)` : first.title;
}
