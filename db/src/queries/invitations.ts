import type { Role } from "@sipwatch/core";
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db";
import { users } from "../schema/auth";
import { type InvitationStatus, invitations, organisations } from "../schema/organisations";

export interface InvitationRow {
  id: string;
  organisationId: string;
  organisationName: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  inviterName: string;
  inviterEmail: string;
  /** Epoch ms. */
  expiresAt: number;
  createdAt: number;
}

const inviter = alias(users, "inviter");

const invitationColumns = {
  id: invitations.id,
  organisationId: invitations.organisationId,
  organisationName: organisations.name,
  email: invitations.email,
  role: invitations.role,
  status: invitations.status,
  inviterName: inviter.name,
  inviterEmail: inviter.email,
  expiresAt: sql<number>`${invitations.expiresAt}`.mapWith(Number),
  createdAt: sql<number>`${invitations.createdAt}`.mapWith(Number),
};

function selectInvitations(db: Db) {
  return db
    .select(invitationColumns)
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .innerJoin(inviter, eq(inviter.id, invitations.inviterId));
}

/** The organisation's pending invitations (expired ones included, so they can be revoked or re-sent), newest first. */
export async function listPendingInvitations(db: Db, organisationId: string): Promise<InvitationRow[]> {
  return selectInvitations(db)
    .where(and(eq(invitations.organisationId, organisationId), eq(invitations.status, "pending")))
    .orderBy(desc(invitations.createdAt), desc(invitations.id));
}

/** One invitation of this organisation; null for an unknown id or another organisation's. */
export async function findOrganisationInvitation(
  db: Db,
  organisationId: string,
  invitationId: string,
): Promise<InvitationRow | null> {
  const [row] = await selectInvitations(db)
    .where(and(eq(invitations.organisationId, organisationId), eq(invitations.id, invitationId)))
    .limit(1);
  return row ?? null;
}

/**
 * An invitation by id alone, for its invitee (who is not a member yet). Callers must check the
 * signed-in address against `email` before showing anything of it.
 */
export async function findInvitation(db: Db, invitationId: string): Promise<InvitationRow | null> {
  const [row] = await selectInvitations(db).where(eq(invitations.id, invitationId)).limit(1);
  return row ?? null;
}
