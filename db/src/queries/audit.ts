import { and, desc, eq, lt, or } from "drizzle-orm";
import type { Db } from "../db";
import { type AuditActorKind, auditEvents } from "../schema/audit";

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

export interface AuditPage {
  /** Only entries strictly older than this cursor (the last row of the previous page). */
  before?: { at: number; id: string };
  limit: number;
  objectType?: string;
  objectId?: string;
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
        page.objectType ? eq(auditEvents.objectType, page.objectType) : undefined,
        page.objectId ? eq(auditEvents.objectId, page.objectId) : undefined,
        before
          ? or(lt(auditEvents.at, before.at), and(eq(auditEvents.at, before.at), lt(auditEvents.id, before.id)))
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(page.limit);
}

/** Retention: removes every entry older than `cutoff` (epoch ms), all organisations. */
export async function deleteAuditEventsBefore(db: Db, cutoff: number): Promise<void> {
  await db.delete(auditEvents).where(lt(auditEvents.at, cutoff));
}
