import type { Role } from "@sipwatch/core";
import { countOwners, findMember, findMemberByUser, listMembers, type MemberRow } from "@sipwatch/db";
import { createAuth } from "../auth/create-auth";
import { ProblemError } from "../http/problem";
import type { Services } from "../services";
import { viaAuth } from "./auth-call";
import { type Refusal, refuseLeaving, refuseRemoval, refuseRoleChange } from "./role-rules";

/** A signed-in member acting in their organisation; `headers` carry their session for better-auth. */
export interface MemberActor {
  services: Services;
  organisationId: string;
  userId: string;
  headers: Headers;
}

export function refuse(refusal: Refusal | null): void {
  if (refusal) throw new ProblemError(refusal.code, refusal.detail);
}

/** The actor's own member row: a session always has one for its organisation (authenticate checks). */
export async function actorMember(actor: MemberActor): Promise<MemberRow> {
  const me = await findMemberByUser(actor.services.db, actor.organisationId, actor.userId);
  if (!me) throw new ProblemError("forbidden", "You are not a member of this organisation");
  return me;
}

async function targetMember(actor: MemberActor, memberId: string): Promise<MemberRow> {
  const target = await findMember(actor.services.db, actor.organisationId, memberId);
  // Another organisation's member answers exactly like an unknown id.
  if (!target) throw new ProblemError("not_found", `No member ${memberId}`);
  return target;
}

export function membersOf(services: Services, organisationId: string): Promise<MemberRow[]> {
  return listMembers(services.db, organisationId);
}

export async function changeMemberRole(actor: MemberActor, memberId: string, newRole: Role): Promise<MemberRow> {
  const [me, target] = await Promise.all([actorMember(actor), targetMember(actor, memberId)]);
  if (target.role === newRole) return target;
  const ownerCount = await countOwners(actor.services.db, actor.organisationId);
  refuse(refuseRoleChange({ actorRole: me.role, targetRole: target.role, newRole, ownerCount }));
  await viaAuth(() =>
    createAuth(actor.services).api.updateMemberRole({
      headers: actor.headers,
      body: { memberId, role: newRole, organizationId: actor.organisationId },
    }),
  );
  return { ...target, role: newRole };
}

export async function removeMember(actor: MemberActor, memberId: string): Promise<void> {
  const [me, target] = await Promise.all([actorMember(actor), targetMember(actor, memberId)]);
  const ownerCount = await countOwners(actor.services.db, actor.organisationId);
  // Removing oneself is leaving, which any role may do.
  refuse(
    target.id === me.id
      ? refuseLeaving({ role: me.role, ownerCount })
      : refuseRemoval({ actorRole: me.role, targetRole: target.role, ownerCount }),
  );
  const auth = createAuth(actor.services);
  const body = { organizationId: actor.organisationId };
  if (target.id === me.id) await viaAuth(() => auth.api.leaveOrganization({ headers: actor.headers, body }));
  else
    await viaAuth(() =>
      auth.api.removeMember({ headers: actor.headers, body: { ...body, memberIdOrEmail: memberId } }),
    );
}

/** The actor leaves the organisation; their session moves to their oldest remaining one. */
export async function leaveOrganisation(actor: MemberActor): Promise<void> {
  const me = await actorMember(actor);
  refuse(refuseLeaving({ role: me.role, ownerCount: await countOwners(actor.services.db, actor.organisationId) }));
  await viaAuth(() =>
    createAuth(actor.services).api.leaveOrganization({
      headers: actor.headers,
      body: { organizationId: actor.organisationId },
    }),
  );
}
