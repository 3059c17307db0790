import { and, asc, desc, eq, inArray, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { users } from "../schema/auth";
import { type IncidentEventKind, type IncidentStatus, incidentEvents, incidents } from "../schema/incidents";
import { monitors } from "../schema/monitors";
import { chunk, type Statement } from "./batching";

export type IncidentRow = typeof incidents.$inferSelect;
export type NewIncident = typeof incidents.$inferInsert;
export type IncidentEventRow = typeof incidentEvents.$inferSelect;

/** Who the policy is in an incident's timeline. */
export const SYSTEM_AUTHOR = "system";

/**
 * Opens incidents in the batch that stores the alert state which opened them. The id is derived
 * from the monitor, stream and opening time by the caller, so a round evaluated twice (a queue
 * message delivered again) finds the row there and adds neither it nor a second "opened" event.
 */
export function openIncidentStatements(db: Db, opened: readonly NewIncident[]): Statement[] {
  return opened.flatMap((incident) => [
    db.insert(incidents).values(incident).onConflictDoNothing({ target: incidents.id }),
    // drizzle's insert-select lists every column in table order: id NULL takes the next rowid.
    db.insert(incidentEvents).select(
      sql`SELECT NULL, ${incident.id}, ${incident.organisationId}, ${incident.openedAt}, 'opened', ${SYSTEM_AUTHOR}, NULL, 0
        WHERE NOT EXISTS (SELECT 1 FROM incident_event WHERE incident_id = ${incident.id} AND kind = 'opened')`,
    ),
  ]);
}

/**
 * Moves an incident to `to` when it is in one of `from`, with its timeline event, in one batch.
 * The event is written first and only while the move is still allowed, so two operators acting
 * at once (or the policy and an operator) leave one event, not two.
 */
export function transitionStatements(
  db: Db,
  change: { incidentId: string; at: number; author: string; from: IncidentStatus[]; to: IncidentStatus },
): Statement[] {
  const { incidentId, at, author, from, to } = change;
  const kind: IncidentEventKind = to === "acknowledged" ? "acknowledged" : to === "resolved" ? "resolved" : "reopened";
  const allowed = sql.join(
    from.map((s) => sql`${s}`),
    sql`, `,
  );
  const fields =
    to === "acknowledged"
      ? { status: to, acknowledgedAt: at, acknowledgedBy: author, updatedAt: at }
      : to === "resolved"
        ? { status: to, resolvedAt: at, updatedAt: at }
        : { status: to, resolvedAt: null, updatedAt: at };
  return [
    db.insert(incidentEvents).select(
      sql`SELECT NULL, id, organisation_id, ${at}, ${kind}, ${author}, NULL, 0 FROM incident
        WHERE id = ${incidentId} AND status IN (${allowed})`,
    ),
    db
      .update(incidents)
      .set(fields)
      .where(and(eq(incidents.id, incidentId), inArray(incidents.status, from))),
  ];
}

/** An operator's note on the timeline; `public` ones are shown on status pages. */
export function updateEventStatement(
  db: Db,
  incident: Pick<IncidentRow, "id" | "organisationId">,
  update: { at: number; author: string; body: string; public: boolean },
): Statement {
  return db.insert(incidentEvents).values({
    incidentId: incident.id,
    organisationId: incident.organisationId,
    at: update.at,
    kind: "update",
    author: update.author,
    body: update.body,
    public: update.public,
  });
}

/** Incidents by id, whatever their organisation: the alert round's own lookups. */
export async function incidentsByIds(db: Db, ids: readonly string[]): Promise<Map<string, IncidentRow>> {
  const found = new Map<string, IncidentRow>();
  for (const group of chunk([...new Set(ids)], 90)) {
    for (const row of await db.select().from(incidents).where(inArray(incidents.id, group))) found.set(row.id, row);
  }
  return found;
}

/** The organisation's incident, or null for a missing one and for another organisation's alike. */
export async function findIncident(db: Db, organisationId: string, id: string): Promise<IncidentRow | null> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, id), eq(incidents.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

export interface IncidentFilter {
  status?: IncidentStatus;
  monitorId?: string;
  /** Keyset cursor: incidents opened before this one (openedAt, then id), newest first. */
  before?: { openedAt: number; id: string };
  limit: number;
}

/** A page of the organisation's incidents with their monitor's name, newest first. */
export async function listIncidents(db: Db, organisationId: string, filter: IncidentFilter) {
  const { before } = filter;
  return db
    .select({ incident: incidents, monitorName: monitors.name })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(
      and(
        eq(incidents.organisationId, organisationId),
        filter.status ? eq(incidents.status, filter.status) : undefined,
        filter.monitorId ? eq(incidents.monitorId, filter.monitorId) : undefined,
        before
          ? or(
              lt(incidents.openedAt, before.openedAt),
              and(eq(incidents.openedAt, before.openedAt), lt(incidents.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(incidents.openedAt), desc(incidents.id))
    .limit(filter.limit);
}

/**
 * The timeline in the order it was written (the log is append-only, and an agent's late report
 * may carry an older time than an acknowledgement already stored), with the names of the people
 * who wrote it (null for the system and tokens).
 */
export async function incidentTimeline(db: Db, incidentId: string) {
  return db
    .select({ event: incidentEvents, authorName: users.name })
    .from(incidentEvents)
    .leftJoin(users, eq(users.id, incidentEvents.author))
    .where(eq(incidentEvents.incidentId, incidentId))
    .orderBy(asc(incidentEvents.id));
}

/** Incidents of the organisation that nobody closed yet: what the dashboard's header counts. */
export async function unresolvedIncidentCount(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(incidents)
    .where(and(eq(incidents.organisationId, organisationId), ne(incidents.status, "resolved")));
  return row?.n ?? 0;
}
