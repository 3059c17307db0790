import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../db";
import { sessions } from "../schema/auth";

/** Points one dashboard session at an organisation; the API scopes the session's calls to it. */
export async function setSessionOrganisation(db: Db, sessionId: string, organisationId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ activeOrganisationId: organisationId, updatedAt: new Date() })
    .where(eq(sessions.id, sessionId));
}

/** Gives a user's sessions that have no organisation yet this one (the session of a fresh sign-up). */
export async function adoptOrganisationInNewSessions(db: Db, userId: string, organisationId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ activeOrganisationId: organisationId })
    .where(and(eq(sessions.userId, userId), isNull(sessions.activeOrganisationId)));
}
