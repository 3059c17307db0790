import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { lab } from "../fixtures";
import type { SentEmail } from "../lab-types";
import { api, type SignedUp, signUp } from "./accounts";

export interface InvitationBody {
  id: string;
  email: string;
  role: string;
  status: string;
  expired: boolean;
  expiresAt: string;
  inviter: { name: string; email: string };
}
export interface MemberBody {
  id: string;
  userId: string;
  email: string;
  role: string;
}

export async function invite(as: SignedUp, email: string, role: string): Promise<InvitationBody> {
  const response = await api("/invitations", { method: "POST", as, body: { email, role } });
  if (response.status !== 201) throw new Error(`invitation failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as InvitationBody;
}

export async function accept(as: SignedUp, invitationId: string): Promise<Response> {
  return api(`/invitations/${invitationId}/accept`, { method: "POST", as });
}

export async function membersSeenBy(as: SignedUp): Promise<MemberBody[]> {
  const response = await api("/members", { as });
  expect(response.status).toBe(200);
  return ((await response.json()) as { members: MemberBody[] }).members;
}

export async function currentOrganisation(as: SignedUp): Promise<{ id: string; name: string; role: string }> {
  return (await (await api("/organisations/current", { as })).json()) as { id: string; name: string; role: string };
}

/** `owner` invites a fresh sign-up with `role`, who accepts: both are then in owner's organisation. */
export async function teamOf(owner: SignedUp, role: string, name?: string): Promise<SignedUp & { memberId: string }> {
  const person = await signUp(name);
  const invitation = await invite(owner, person.email, role);
  expect((await accept(person, invitation.id)).status).toBe(200);
  const member = (await membersSeenBy(owner)).find((m) => m.userId === person.userId);
  if (!member) throw new Error("the invitee is not a member after accepting");
  return { ...person, memberId: member.id };
}

export async function problemOf(response: Response, status: number): Promise<{ code: string; detail: string }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  return (await response.json()) as { code: string; detail: string };
}

/** Moves an invitation's expiry into the past, as 7 days passing would. */
export async function expireInvitation(id: string): Promise<void> {
  await env.DB.prepare("UPDATE invitation SET expires_at = ? WHERE id = ?")
    .bind(Date.now() - 1000, id)
    .run();
}

/** The mails the local send_email binding sent whose record contains `needle`. */
export async function sentContaining(needle: string): Promise<SentEmail[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const response = await fetch(`${lab().sentEmailUrl}/sent-email?containing=${encodeURIComponent(needle)}`);
    const sent = (await response.json()) as SentEmail[];
    if (sent.length > 0 || Date.now() > deadline) return sent;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
