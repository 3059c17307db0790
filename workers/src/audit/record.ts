import { type AuditEntry, auditActorLabel, auditEventStatement } from "@sipwatch/db";
import type { Caller } from "../http/context";
import { newId } from "../ids";
import type { Db } from "../services";

export type AuditActor = AuditEntry["actor"];

/** What an entry says was done, to what. */
export interface AuditAction {
  action: string;
  objectType: string;
  objectId: string | null;
  /** Changed field names or a short sentence; never a secret's value. */
  summary?: string;
}

/**
 * The actor behind an API caller, labelled as it is now (the label is copied into the entry, so
 * the log still names a member who left or a token since revoked).
 */
export async function actorOfCaller(db: Db, caller: Caller): Promise<AuditActor> {
  if (caller.via === "token" && caller.tokenId) {
    const label = await auditActorLabel(db, "token", caller.tokenId);
    return { kind: "token", id: caller.tokenId, label: label ?? caller.tokenId };
  }
  const userId = caller.userId ?? "unknown";
  const label = await auditActorLabel(db, "member", userId);
  return { kind: "member", id: caller.userId, label: label ?? userId };
}

/** The actor for an agent's own requests. */
export async function actorOfAgent(db: Db, agentId: string): Promise<AuditActor> {
  return { kind: "agent", id: agentId, label: (await auditActorLabel(db, "agent", agentId)) ?? agentId };
}

/** The insert for one entry, to run alone or inside the D1 batch that makes the change. */
export function auditStatement(db: Db, organisationId: string, actor: AuditActor, what: AuditAction, now = Date.now()) {
  return auditEventStatement(db, {
    id: newId("aud"),
    organisationId,
    at: now,
    actor,
    action: what.action,
    objectType: what.objectType,
    objectId: what.objectId,
    summary: what.summary ?? "",
  });
}

export async function recordAudit(
  db: Db,
  organisationId: string,
  actor: AuditActor,
  what: AuditAction,
  now = Date.now(),
): Promise<void> {
  await auditStatement(db, organisationId, actor, what, now);
}
