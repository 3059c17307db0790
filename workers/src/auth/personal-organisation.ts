import { adoptOrganisationInNewSessions, createOrganisation, type Db, listMemberships } from "@sipwatch/db";
import { newId, randomBase64url } from "../ids";

/** "Ada Lovelace" -> "ada-lovelace-x3k9qa": readable, and unique thanks to the random tail. */
export function organisationSlug(name: string): string {
  const base = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  const tail = randomBase64url(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "0");
  return base ? `${base}-${tail}` : `org-${tail}`;
}

/**
 * Every user starts with an organisation of their own, so the dashboard and the API always
 * have a scope. better-auth runs user hooks after its sign-up work (the session included) is
 * written, so the new session is pointed at the organisation here as well.
 */
export async function createPersonalOrganisation(db: Db, user: { id: string; name: string; email: string }) {
  const name = user.name.trim() || user.email;
  const organisation = await createOrganisation(db, {
    id: newId("org"),
    name,
    slug: organisationSlug(name),
    ownerUserId: user.id,
    now: Date.now(),
  });
  await adoptOrganisationInNewSessions(db, user.id, organisation.id);
  return organisation;
}

/** The organisation a new session of this user starts in: their oldest membership. */
export async function defaultOrganisationId(db: Db, userId: string): Promise<string | null> {
  const [first] = await listMemberships(db, userId);
  return first?.id ?? null;
}
