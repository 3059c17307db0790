import { env } from "cloudflare:workers";
import type { Role } from "@sipwatch/core";
import { api, type SignedUp, signUp } from "./accounts";

/**
 * Puts a person into an organisation with a role by writing the member row straight into D1
 * (invitations are another part of issue 19), then points their session at it, as the
 * dashboard's organisation switcher does.
 */
export async function addMember(organisationId: string, person: SignedUp, role: Role): Promise<void> {
  await env.DB.prepare("INSERT INTO member (id, organisation_id, user_id, role, created_at) VALUES (?, ?, ?, ?, ?)")
    .bind(`mem_${crypto.randomUUID().replaceAll("-", "")}`, organisationId, person.userId, role, Date.now())
    .run();
  const activated = await api(`/organisations/${organisationId}/activate`, { method: "POST", as: person });
  if (activated.status !== 200) throw new Error(`activating ${organisationId}: ${activated.status}`);
}

/** Changes a member's role in D1, as a demotion by an admin would. */
export async function setMemberRole(organisationId: string, userId: string, role: Role | "member"): Promise<void> {
  await env.DB.prepare("UPDATE member SET role = ? WHERE organisation_id = ? AND user_id = ?")
    .bind(role, organisationId, userId)
    .run();
}

/** Removes a member from an organisation in D1. */
export async function removeMember(organisationId: string, userId: string): Promise<void> {
  await env.DB.prepare("DELETE FROM member WHERE organisation_id = ? AND user_id = ?")
    .bind(organisationId, userId)
    .run();
}

export interface Team {
  organisationId: string;
  /** A signed-in member of each role; the owner is the one who signed up first. */
  members: Record<Role, SignedUp>;
}

/** An organisation (the owner's personal one) with a member of every role, each signed in there. */
export async function seedTeam(name = "Team"): Promise<Team> {
  const owner = await signUp(`${name} Owner`);
  const current = await api("/organisations/current", { as: owner });
  const { id: organisationId } = (await current.json()) as { id: string };
  const members = { owner } as Record<Role, SignedUp>;
  for (const role of ["viewer", "editor", "admin"] as const) {
    members[role] = await signUp(`${name} ${role}`);
    await addMember(organisationId, members[role], role);
  }
  return { organisationId, members };
}
