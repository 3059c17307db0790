import type { Role } from "@sipwatch/core";
import { type Db, findMembership, listMemberships, setSessionOrganisation, useApiToken } from "@sipwatch/db";
import type { MiddlewareHandler } from "hono";
import { bearerApiToken, hashApiToken } from "../../auth/api-token";
import { createAuth } from "../../auth/create-auth";
import { roleOfMember, tokenRole } from "../../auth/member-role";
import type { AppEnv } from "../context";
import { ProblemError } from "../problem";
import { enforceRateLimit } from "./rate-limit";

/**
 * Sets `caller` from a bearer token (automation) or a better-auth session cookie (dashboard).
 * A request that carries an Authorization header is judged by it alone, so a bad token is a
 * 401 even when a cookie is present too.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db } = c.var.services;
  const authorization = c.req.header("authorization");
  if (authorization !== undefined) {
    const token = bearerApiToken(authorization);
    const hash = token ? await hashApiToken(token) : null;
    if (hash)
      await enforceRateLimit(c.var.services.env.TOKEN_RATE_LIMIT, `api:${hash}`, "Too many requests with this token");
    const row = hash ? await useApiToken(db, hash, Date.now()) : null;
    if (!row) throw new ProblemError("unauthenticated", "The bearer token is malformed, unknown, expired or revoked");
    const role = await tokenRole(db, row);
    if (!role) throw new ProblemError("unauthenticated", "The bearer token's creator has left its organisation");
    c.set("caller", { organisationId: row.organisationId, userId: null, via: "token", tokenId: row.id, role });
    c.set("sessionId", null);
    return next();
  }

  const found = await createAuth(c.var.services).api.getSession({ headers: c.req.raw.headers });
  if (!found) throw new ProblemError("unauthenticated", "Sign in, or send Authorization: Bearer <token>");
  const { organisationId, role } = await sessionOrganisation(db, found.session, found.user.id);
  c.set("caller", { organisationId, userId: found.user.id, via: "session", role });
  c.set("sessionId", found.session.id);
  return next();
};

/**
 * The session's active organisation while the user is still a member of it; otherwise (a
 * fresh session, or membership removed) their oldest one, remembered in the session. With the
 * member's role there, read on every request so a demotion takes effect at once.
 */
async function sessionOrganisation(
  db: Db,
  session: { id: string; activeOrganizationId?: string | null | undefined },
  userId: string,
): Promise<{ organisationId: string; role: Role }> {
  const active = session.activeOrganizationId;
  const membership = active ? await findMembership(db, userId, active) : null;
  if (membership) return { organisationId: membership.id, role: roleOfMember(membership.role) };
  // Their oldest membership, as auth/personal-organisation.ts's defaultOrganisationId picks.
  const [fallbackMembership] = await listMemberships(db, userId);
  if (!fallbackMembership) throw new ProblemError("forbidden", "This account belongs to no organisation");
  await setSessionOrganisation(db, session.id, fallbackMembership.id);
  return { organisationId: fallbackMembership.id, role: roleOfMember(fallbackMembership.role) };
}
