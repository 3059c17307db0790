import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../db";
import { apiTokens } from "../schema/organisations";

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** How often a token's "last used" time is written: reads must not each cost a D1 write. */
export const TOKEN_LAST_USED_RESOLUTION_MS = 60 * 60 * 1000;

export async function insertApiToken(db: Db, token: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(token).returning();
  if (!row) throw new Error("inserting an API token returned no row");
  return row;
}

/** The organisation's tokens that still work or may again (not revoked), newest first. */
export async function listApiTokens(db: Db, organisationId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.organisationId, organisationId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** Revokes one of the organisation's live tokens; false when there is no such token to revoke. */
export async function revokeApiToken(db: Db, organisationId: string, tokenId: string, now: number): Promise<boolean> {
  const revoked = await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.organisationId, organisationId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return revoked.length > 0;
}

/**
 * The token with this SHA-256 when it may be used at `now` (not revoked, not expired), else null.
 * Notes its use, at most once per TOKEN_LAST_USED_RESOLUTION_MS.
 */
export async function useApiToken(db: Db, tokenHash: string, now: number): Promise<ApiTokenRow | null> {
  const [token] = await db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).limit(1);
  if (!token || token.revokedAt !== null) return null;
  if (token.expiresAt !== null && token.expiresAt <= now) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt >= TOKEN_LAST_USED_RESOLUTION_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, token.id));
    return { ...token, lastUsedAt: now };
  }
  return token;
}
