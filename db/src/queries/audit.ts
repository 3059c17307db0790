import { and, desc, eq, gte, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { type AuditActorKind, auditEvents } from "../schema/audit";
import { users } from "../schema/auth";
import { vantagePoints } from "../schema/history";
import { apiTokens } from "../schema/organisations";

export type AuditEventRow = typeof auditEvents.$inferSelect;

export interface AuditEntry {
  id: string;
  organisationId: string;
  at: number;
  actor: { kind: AuditActorKind; id: string | null; label: string };
  action: string;
  objectType: string;
  objectId: string | null;
  summary?: string;
}

/** Longest summary kept: a sentence or a list of field names, not a payload. */
export const AUDIT_SUMMARY_MAX = 500;

/** The insert for one entry, to run alone or inside the batch that makes the change. */
export function auditEventStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditEvents).values({
    id: entry.id,
    organisationId: entry.organisationId,
    at: entry.at,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    actorLabel: entry.actor.label.slice(0, 200),
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    summary: (entry.summary ?? "").slice(0, AUDIT_SUMMARY_MAX),
  });
}

export async function recordAuditEvent(db: Db, entry: AuditEntry): Promise<void> {
  await auditEventStatement(db, entry);
}

export interface AuditFilter {
  actorKind?: AuditActorKind;
  actorId?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
}

export interface AuditPage extends AuditFilter {
  /** Only entries strictly older than this cursor (the last row of the previous page). */
  before?: { at: number; id: string };
  limit: number;
}

/** The organisation's log, newest first, one page at a time (keyset, so deep pages stay cheap). */
export async function listAuditEvents(db: Db, organisationId: string, page: AuditPage): Promise<AuditEventRow[]> {
  const { before } = page;
  return db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organisationId, organisationId),
        page.actorKind ? eq(auditEvents.actorKind, page.actorKind) : undefined,
        page.actorId ? eq(auditEvents.actorId, page.actorId) : undefined,
        page.action ? eq(auditEvents.action, page.action) : undefined,
        page.objectType ? eq(auditEvents.objectType, page.objectType) : undefined,
        page.objectId ? eq(auditEvents.objectId, page.objectId) : undefined,
        page.since !== undefined ? gte(auditEvents.at, page.since) : undefined,
        page.until !== undefined ? lt(auditEvents.at, page.until) : undefined,
        before
          ? or(lt(auditEvents.at, before.at), and(eq(auditEvents.at, before.at), lt(auditEvents.id, before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(page.limit);
}

/**
 * Retention: deletes entries older than `cutoff` (epoch ms), all organisations, oldest first, at
 * most `maxRows` in one statement so a tick never holds the database long. Returns rows
 * deleted; as many as `maxRows` means more may remain for the next tick.
 */
export async function deleteAuditEventsBefore(db: Db, cutoff: number, maxRows = 1000): Promise<number> {
  const result = await db.run(
    sql`DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event WHERE ${lt(auditEvents.at, cutoff)} ORDER BY at LIMIT ${maxRows})`,
  );
  const r = result as { meta?: { changes?: number }; changes?: number } | undefined;
  return Number(r?.meta?.changes ?? r?.changes ?? 0);
}

/**
 * What the log calls an actor, read at the time of the action: "Name <address>" for a member,
 * the token's or agent's name; null when there is no such row (then the caller names it by id).
 */
export async function auditActorLabel(db: Db, kind: "member" | "token" | "agent", id: string): Promise<string | null> {
  if (kind === "member") {
    const [user] = await db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, id));
    return user ? `${user.name} <${user.email}>` : null;
  }
  const table = kind === "token" ? apiTokens : vantagePoints;
  const [row] = await db.select({ name: table.name }).from(table).where(eq(table.id, id));
  return row?.name ?? null;
}
