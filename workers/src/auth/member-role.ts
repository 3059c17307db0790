import { isRole, lowerRole, type Role } from "@sipwatch/core";
import { type ApiTokenRow, type Db, findMembership } from "@sipwatch/db";

/**
 * A member's role as the API enforces it. Rows written before roles say "member", which could
 * do everything but manage the team: the nearest role is editor. (The members migration of
 * issue 19 rewrites those rows; until it lands the mapping lives here.)
 */
export function roleOfMember(stored: string): Role {
  if (isRole(stored)) return stored;
  if (stored === "member") return "editor";
  // An unknown value is a bug in whatever wrote it; give it the least power rather than fail open.
  return "viewer";
}

/**
 * What an API token may do now: its own role, capped at its creator's current role in the
 * token's organisation, so demoting a person demotes their tokens. Null when the creator is
 * no longer a member (or unknown): the token stops working.
 */
export async function tokenRole(db: Db, token: Pick<ApiTokenRow, "role" | "createdBy" | "organisationId">) {
  if (token.createdBy === null) return null;
  const creator = await findMembership(db, token.createdBy, token.organisationId);
  if (!creator) return null;
  return lowerRole(roleOfMember(token.role), roleOfMember(creator.role));
}
