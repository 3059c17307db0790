import type { Role } from "@sipwatch/core";
import {
  findInvitation,
  findMemberByUser,
  findOrganisationInvitation,
  findUserEmail,
  type InvitationRow,
  listPendingInvitations,
} from "@sipwatch/db";
import { createAuth } from "../auth/create-auth";
import { ProblemError } from "../http/problem";
import { viaAuth } from "./auth-call";
import { actorMember, type MemberActor, refuse } from "./members-service";
import { refuseInvitation, refuseInvitationAdmin } from "./role-rules";

/** The signed-in person opening an invitation link: not (yet) a member of its organisation. */
export interface Invitee {
  services: MemberActor["services"];
  userId: string;
  headers: Headers;
}

export async function pendingInvitations(actor: MemberActor): Promise<InvitationRow[]> {
  refuse(refuseInvitationAdmin((await actorMember(actor)).role));
  return listPendingInvitations(actor.services.db, actor.organisationId);
}

/** Invites `email` with `role`, mailing the link (organisation-plugin.ts); re-inviting replaces a pending invitation. */
export async function invite(actor: MemberActor, email: string, role: Role): Promise<InvitationRow> {
  refuse(refuseInvitation((await actorMember(actor)).role, role));
  const created = await viaAuth(() =>
    createAuth(actor.services).api.createInvitation({
      headers: actor.headers,
      body: { email, role, organizationId: actor.organisationId },
    }),
  );
  const row = await findOrganisationInvitation(actor.services.db, actor.organisationId, created.id);
  if (!row) throw new Error(`invitation ${created.id} vanished after creation`);
  return row;
}

export async function revokeInvitation(actor: MemberActor, invitationId: string): Promise<void> {
  refuse(refuseInvitationAdmin((await actorMember(actor)).role));
  const invitation = await findOrganisationInvitation(actor.services.db, actor.organisationId, invitationId);
  // Another organisation's invitation answers exactly like an unknown id.
  if (!invitation) throw new ProblemError("not_found", `No invitation ${invitationId}`);
  if (invitation.status !== "pending") {
    throw new ProblemError("conflict", `The invitation is already ${invitationState(invitation.status)}`);
  }
  await viaAuth(() =>
    createAuth(actor.services).api.cancelInvitation({ headers: actor.headers, body: { invitationId } }),
  );
}

const invitationState = (status: InvitationRow["status"]) =>
  ({ pending: "pending", accepted: "accepted", rejected: "declined", canceled: "revoked" })[status];

/**
 * The invitation as its invitee may see it: only the signed-in user with the invited address,
 * and only while it can still be accepted. Everyone else learns nothing of the organisation.
 */
export async function invitationForInvitee(invitee: Invitee, invitationId: string): Promise<InvitationRow> {
  const [invitation, email] = await Promise.all([
    findInvitation(invitee.services.db, invitationId),
    findUserEmail(invitee.services.db, invitee.userId),
  ]);
  if (!invitation) throw new ProblemError("not_found", `No invitation ${invitationId}`);
  if (invitation.email.toLowerCase() !== email?.toLowerCase()) {
    throw new ProblemError(
      "forbidden",
      "This invitation was sent to another address: sign in with the address it was sent to, then open the link again",
    );
  }
  if (invitation.status !== "pending") {
    throw new ProblemError("conflict", `This invitation was already ${invitationState(invitation.status)}`);
  }
  if (invitation.expiresAt <= Date.now()) {
    throw new ProblemError("conflict", "This invitation has expired: ask for a new one");
  }
  return invitation;
}

/**
 * Joins the invitation's organisation with its role (single use: it is then accepted), and
 * switches the invitee's session to that organisation (the plugin does, in the same call).
 */
export async function acceptInvitation(invitee: Invitee, invitationId: string): Promise<InvitationRow> {
  const invitation = await invitationForInvitee(invitee, invitationId);
  if (await findMemberByUser(invitee.services.db, invitation.organisationId, invitee.userId)) {
    throw new ProblemError("conflict", `You are already a member of ${invitation.organisationName}`);
  }
  await viaAuth(() =>
    createAuth(invitee.services).api.acceptInvitation({ headers: invitee.headers, body: { invitationId } }),
  );
  return { ...invitation, status: "accepted" };
}
