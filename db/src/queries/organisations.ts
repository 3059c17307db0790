import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../db";
import { type MemberRole, members, organisations } from "../schema/organisations";

export interface OrganisationRow {
  id: string;
  name: string;
  slug: string;
  createdAt: number;
}

export interface Membership extends OrganisationRow {
  role: MemberRole;
}

/** Creates an organisation with `ownerUserId` as its owner, in one D1 batch (both rows or neither). */
export async function createOrganisation(
  db: Db,
  input: { id: string; name: string; slug: string; ownerUserId: string; now: number },
): Promise<Membership> {
  const organisation = { id: input.id, name: input.name, slug: input.slug, createdAt: input.now };
  await db.batch([
    db.insert(organisations).values({ ...organisation, createdAt: new Date(input.now) }),
    db.insert(members).values({
      id: newMemberId(),
      organisationId: input.id,
      userId: input.ownerUserId,
      role: "owner",
      createdAt: new Date(input.now),
    }),
  ]);
  return { ...organisation, role: "owner" };
}

/** `mem_` and 128 random bits, the shape migration 0017 gave the members it carried over. */
export function newMemberId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `mem_${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

const membershipColumns = {
  id: organisations.id,
  name: organisations.name,
  slug: organisations.slug,
  // Epoch ms, as before the column became the plugin's Date.
  createdAt: sql<number>`${organisations.createdAt}`.mapWith(Number),
  role: members.role,
};

/** The organisations a user belongs to, oldest membership first (the personal one leads). */
export async function listMemberships(db: Db, userId: string): Promise<Membership[]> {
  return db
    .select(membershipColumns)
    .from(members)
    .innerJoin(organisations, eq(organisations.id, members.organisationId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt), asc(organisations.id));
}

/** The user's membership of one organisation, or null when they are not a member. */
export async function findMembership(db: Db, userId: string, organisationId: string): Promise<Membership | null> {
  const [row] = await db
    .select(membershipColumns)
    .from(members)
    .innerJoin(organisations, eq(organisations.id, members.organisationId))
    .where(and(eq(members.userId, userId), eq(members.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

export async function findOrganisation(db: Db, organisationId: string): Promise<OrganisationRow | null> {
  const [row] = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      slug: organisations.slug,
      createdAt: membershipColumns.createdAt,
    })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .limit(1);
  return row ?? null;
}

/** How many organisations the user owns: what the per-account limit counts. */
export async function countOwnedOrganisations(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ owned: count() })
    .from(members)
    .where(and(eq(members.userId, userId), eq(members.role, "owner")));
  return row?.owned ?? 0;
}
