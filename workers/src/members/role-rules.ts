import { type Role, roleAtLeast } from "@sipwatch/core";

/**
 * Who may change whom among an organisation's members: pure, so the rules read as a table.
 * - admins and owners manage members; editors and viewers manage nobody;
 * - admins manage editors, viewers and admins, and may give those roles; only owners touch
 *   owners or make someone an owner;
 * - the last owner cannot leave, be removed or be demoted, so an organisation always has one.
 * A refusal is a sentence for the caller; null means allowed.
 */
export type Refusal = { code: "forbidden" | "conflict"; detail: string };

export interface MemberChange {
  actorRole: Role;
  /** The member being changed (may be the actor). */
  targetRole: Role;
  ownerCount: number;
}

const LAST_OWNER: Refusal = {
  code: "conflict",
  detail: "The organisation's last owner cannot leave, be removed or be demoted; make another member owner first",
};

function mayManage(actorRole: Role, targetRole: Role): Refusal | null {
  if (!roleAtLeast(actorRole, "admin")) return { code: "forbidden", detail: "Only owners and admins manage members" };
  if (targetRole === "owner" && actorRole !== "owner")
    return { code: "forbidden", detail: "Only owners change owners" };
  return null;
}

export function refuseRoleChange(change: MemberChange & { newRole: Role }): Refusal | null {
  const refusal = mayManage(change.actorRole, change.targetRole);
  if (refusal) return refusal;
  if (change.newRole === "owner" && change.actorRole !== "owner") {
    return { code: "forbidden", detail: "Only owners make someone an owner" };
  }
  if (change.targetRole === "owner" && change.newRole !== "owner" && change.ownerCount <= 1) return LAST_OWNER;
  return null;
}

export function refuseRemoval(change: MemberChange): Refusal | null {
  const refusal = mayManage(change.actorRole, change.targetRole);
  if (refusal) return refusal;
  if (change.targetRole === "owner" && change.ownerCount <= 1) return LAST_OWNER;
  return null;
}

/** Anyone may leave, except the last owner. */
export function refuseLeaving(change: { role: Role; ownerCount: number }): Refusal | null {
  return change.role === "owner" && change.ownerCount <= 1 ? LAST_OWNER : null;
}

/** Inviting: owners and admins; only owners invite owners. */
export function refuseInvitation(actorRole: Role, invitedRole: Role): Refusal | null {
  if (!roleAtLeast(actorRole, "admin")) return { code: "forbidden", detail: "Only owners and admins invite members" };
  if (invitedRole === "owner" && actorRole !== "owner")
    return { code: "forbidden", detail: "Only owners invite owners" };
  return null;
}

/** Seeing and revoking pending invitations: owners and admins. */
export function refuseInvitationAdmin(actorRole: Role): Refusal | null {
  return roleAtLeast(actorRole, "admin")
    ? null
    : { code: "forbidden", detail: "Only owners and admins manage invitations" };
}
