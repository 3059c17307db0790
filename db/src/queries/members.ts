import type { Role } from "@sipwatch/core";
import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { users } from "../schema/auth";
import { members } from "../schema/organisations";

export interface MemberRow {
  id: string;
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** Epoch ms. */
  joinedAt: number;
}

const memberColumns = {
  id: members.id,
  userId: members.userId,
  name: users.name,
  email: users.email,
  role: members.role,
  joinedAt: sql<number>`${members.createdAt}`.mapWith(Number),
};

/** An organisation's members with their names and addresses, longest-standing first. */
export async function listMembers(db: Db, organisationId: string): Promise<MemberRow[]> {
  return db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(eq(members.organisationId, organisationId))
    .orderBy(asc(members.createdAt), asc(members.id));
}

/** One member of this organisation by member id; null for an unknown id or another organisation's member. */
export async function findMember(db: Db, organisationId: string, memberId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organisationId, organisationId), eq(members.id, memberId)))
    .limit(1);
  return row ?? null;
}

/** The user's member row in this organisation. */
export async function findMemberByUser(db: Db, organisationId: string, userId: string): Promise<MemberRow | null> {
  const [row] = await db
    .select(memberColumns)
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(and(eq(members.organisationId, organisationId), eq(members.userId, userId)))
    .limit(1);
  return row ?? null;
}

/** How many owners the organisation has: the last one must stay. */
export async function countOwners(db: Db, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ owners: count() })
    .from(members)
    .where(and(eq(members.organisationId, organisationId), eq(members.role, "owner")));
  return row?.owners ?? 0;
}

/** The address a user signed up with (what an invitation is matched against). */
export async function findUserEmail(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.email ?? null;
}
