import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createToken, type SignedUp, signUp } from "./accounts";
import {
  accept,
  currentOrganisation,
  expireInvitation,
  invite,
  membersSeenBy,
  problemOf,
  sentContaining,
  teamOf,
} from "./team";

let owner: SignedUp;
let ownerOrg: { id: string; name: string };

beforeAll(async () => {
  owner = await signUp("Olga Owner");
  ownerOrg = await currentOrganisation(owner);
});

describe("invitations", () => {
  it("mails a link that the invited address opens, sees, accepts once, and lands in the organisation", async () => {
    const invitee = await signUp("Ivan Invitee");
    const invitation = await invite(owner, invitee.email.toUpperCase(), "viewer");
    expect(invitation).toMatchObject({ email: invitee.email, role: "viewer", status: "pending", expired: false });
    expect(invitation.inviter).toEqual({ name: "Olga Owner", email: owner.email });
    const days = (Date.parse(invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);

    const [mail] = await sentContaining(invitation.id);
    expect(mail?.stored.to).toEqual([invitee.email]);
    expect(String(mail?.stored.subject)).toContain("Olga Owner invites you to");
    expect(String(mail?.stored.text)).toContain(`http://sipwatch.test/invitations/${invitation.id}`);
    expect(String(mail?.stored.text)).toContain("as Viewer");

    const view = await api(`/invitations/${invitation.id}/invitee-view`, { as: invitee });
    expect(view.status).toBe(200);
    expect(await view.json()).toMatchObject({
      organisation: { name: ownerOrg.name },
      inviter: { email: owner.email },
      role: "viewer",
      expiresAt: invitation.expiresAt,
    });

    const accepted = await accept(invitee, invitation.id);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ organisation: { id: ownerOrg.id, name: ownerOrg.name }, role: "viewer" });
    // The session now acts in the joined organisation.
    expect(await currentOrganisation(invitee)).toMatchObject({ id: ownerOrg.id, role: "viewer" });
    expect((await membersSeenBy(owner)).map((m) => [m.email, m.role])).toContainEqual([invitee.email, "viewer"]);

    // Single use: the link does nothing a second time, and is no longer pending.
    expect((await problemOf(await accept(invitee, invitation.id), 409)).detail).toContain("already accepted");
    const pending = (await (await api("/invitations", { as: owner })).json()) as { invitations: Array<{ id: string }> };
    expect(pending.invitations.map((i) => i.id)).not.toContain(invitation.id);
  });

  it("refuses another signed-in address with a clear 403 and shows it nothing of the organisation", async () => {
    const invitee = await signUp("Right Person");
    const stranger = await signUp("Wrong Person");
    const invitation = await invite(owner, invitee.email, "editor");
    for (const response of [
      await api(`/invitations/${invitation.id}/invitee-view`, { as: stranger }),
      await accept(stranger, invitation.id),
    ]) {
      const problem = await problemOf(response, 403);
      expect(problem.detail).toContain("sent to another address");
      expect(problem.detail).not.toContain(ownerOrg.name);
      expect(problem.detail).not.toContain(invitee.email);
    }
    expect((await membersSeenBy(owner)).map((m) => m.email)).not.toContain(stranger.email);
    // Still usable by the right person.
    expect((await accept(invitee, invitation.id)).status).toBe(200);
  });

  it("stops working once expired", async () => {
    const invitee = await signUp("Late Comer");
    const invitation = await invite(owner, invitee.email, "viewer");
    await expireInvitation(invitation.id);
    expect((await problemOf(await accept(invitee, invitation.id), 409)).detail).toContain("expired");
    const list = (await (await api("/invitations", { as: owner })).json()) as {
      invitations: Array<{ id: string; expired: boolean }>;
    };
    expect(list.invitations.find((i) => i.id === invitation.id)?.expired).toBe(true);
    expect((await membersSeenBy(owner)).map((m) => m.email)).not.toContain(invitee.email);
  });

  it("stops working once revoked, and a revoked one cannot be revoked again", async () => {
    const invitee = await signUp("Never Mind");
    const invitation = await invite(owner, invitee.email, "viewer");
    expect((await api(`/invitations/${invitation.id}`, { method: "DELETE", as: owner })).status).toBe(204);
    expect((await problemOf(await accept(invitee, invitation.id), 409)).detail).toContain("revoked");
    await problemOf(await api(`/invitations/${invitation.id}`, { method: "DELETE", as: owner }), 409);
  });

  it("replaces a pending invitation when the address is invited again", async () => {
    const invitee = await signUp("Twice Asked");
    const first = await invite(owner, invitee.email, "viewer");
    const second = await invite(owner, invitee.email, "editor");
    expect(second.id).not.toBe(first.id);
    await problemOf(await accept(invitee, first.id), 409);
    expect((await accept(invitee, second.id)).status).toBe(200);
    expect(await currentOrganisation(invitee)).toMatchObject({ id: ownerOrg.id, role: "editor" });
  });

  it("refuses inviting someone who is already a member", async () => {
    const problem = await problemOf(
      await api("/invitations", { method: "POST", as: owner, body: { email: owner.email, role: "viewer" } }),
      409,
    );
    expect(problem.detail).toMatch(/already a member/i);
  });

  it("validates the address and the role", async () => {
    const response = await api("/invitations", {
      method: "POST",
      as: owner,
      body: { email: "not-an-address", role: "boss" },
    });
    const problem = (await problemOf(response, 400)) as { code: string; errors?: Array<{ field: string }> };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors?.map((e) => e.field).sort()).toEqual(["email", "role"]);
  });

  it("lets only owners and admins invite, and only owners invite owners", async () => {
    const admin = await teamOf(owner, "admin", "Ada Admin");
    const editor = await teamOf(owner, "editor", "Eddie Editor");
    const body = (role: string) => ({ email: `new.${crypto.randomUUID().slice(0, 8)}@example.test`, role });
    expect((await api("/invitations", { method: "POST", as: admin, body: body("admin") })).status).toBe(201);
    expect(
      (await problemOf(await api("/invitations", { method: "POST", as: admin, body: body("owner") }), 403)).detail,
    ).toContain("Only owners invite owners");
    await problemOf(await api("/invitations", { method: "POST", as: editor, body: body("viewer") }), 403);
    await problemOf(await api("/invitations", { as: editor }), 403);
    // Tokens belong to the organisation, not a person: no inviter.
    const { token } = await createToken(owner);
    await problemOf(await api("/invitations", { method: "POST", as: { token }, body: body("viewer") }), 403);
  });

  it("keeps organisations apart: nobody sees or revokes another organisation's invitations", async () => {
    const other = await signUp("Other Owner");
    const invitation = await invite(owner, `kept.${crypto.randomUUID().slice(0, 8)}@example.test`, "viewer");
    const theirs = (await (await api("/invitations", { as: other })).json()) as { invitations: unknown[] };
    expect(theirs.invitations).toEqual([]);
    const problem = await problemOf(await api(`/invitations/${invitation.id}`, { method: "DELETE", as: other }), 404);
    expect(problem.detail).toBe(`No invitation ${invitation.id}`);
    const missing = await problemOf(await api("/invitations/inv_doesnotexist", { method: "DELETE", as: other }), 404);
    expect(missing.detail).toBe("No invitation inv_doesnotexist");
    const ours = (await (await api("/invitations", { as: owner })).json()) as { invitations: Array<{ id: string }> };
    expect(ours.invitations.map((i) => i.id)).toContain(invitation.id);
  });

  it("keeps better-auth's own organization endpoints off the public surface", async () => {
    for (const [method, path] of [
      ["POST", "/organization/invite-member"],
      ["POST", "/organization/accept-invitation"],
      ["GET", "/organization/list-members"],
    ] as const) {
      const response = await SELF.fetch(`http://sipwatch.test/api/auth${path}`, {
        method,
        headers: { cookie: owner.cookie, origin: "http://sipwatch.test", "content-type": "application/json" },
        body:
          method === "POST" ? JSON.stringify({ email: "x@example.test", role: "owner", invitationId: "x" }) : undefined,
      });
      expect(response.status, path).toBe(404);
    }
  });

  it("leaves who invited whom as what, the acceptance and a role change in the audit log", async () => {
    const person = await teamOf(owner, "viewer", "Avery Audited");
    expect(
      (await api(`/members/${person.memberId}`, { method: "PATCH", as: owner, body: { role: "editor" } })).status,
    ).toBe(200);
    const log = (await (await api("/audit?limit=50", { as: owner })).json()) as {
      entries: { action: string; actor: { label: string }; summary: string }[];
    };
    const invited = log.entries.find((e) => e.action === "invitation.create" && e.summary.includes(person.email));
    expect(invited).toMatchObject({ actor: { label: `Olga Owner <${owner.email}>` } });
    expect(invited?.summary).toBe(`email: ${person.email}; role: viewer`);
    expect(
      log.entries.find((e) => e.action === "invitation.accept" && e.actor.label.includes(person.email)),
    ).toMatchObject({ summary: "joined as viewer" });
    expect(log.entries.find((e) => e.action === "member.update")?.summary).toBe("role: editor");
  });
});
