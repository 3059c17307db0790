import { beforeAll, describe, expect, it } from "vitest";
import { api, createToken, type SignedUp, signUp } from "./accounts";
import { currentOrganisation, membersSeenBy, problemOf, teamOf } from "./team";

let owner: SignedUp;

beforeAll(async () => {
  owner = await signUp("Mona Owner");
});

const setRole = (as: SignedUp, memberId: string, role: string) =>
  api(`/members/${memberId}`, { method: "PATCH", as, body: { role } });

describe("members", () => {
  it("lists the organisation's members with their roles, to every member and to tokens", async () => {
    const viewer = await teamOf(owner, "viewer", "Vera Viewer");
    const seen = await membersSeenBy(viewer);
    expect(seen.map((m) => [m.email, m.role])).toEqual([
      [owner.email, "owner"],
      [viewer.email, "viewer"],
    ]);
    const { token } = await createToken(owner);
    const byToken = (await (await api("/members", { as: { token } })).json()) as { members: Array<{ email: string }> };
    expect(byToken.members.map((m) => m.email)).toEqual([owner.email, viewer.email]);
  });

  it("lets admins change editors and viewers, but not owners, and not make owners", async () => {
    const admin = await teamOf(owner, "admin", "Adam Admin");
    const editor = await teamOf(owner, "editor", "Edna Editor");
    const changed = await setRole(admin, editor.memberId, "viewer");
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ id: editor.memberId, role: "viewer" });
    expect(await currentOrganisation(editor)).toMatchObject({ role: "viewer" });

    const ownerMember = (await membersSeenBy(owner)).find((m) => m.userId === owner.userId);
    expect((await problemOf(await setRole(admin, ownerMember?.id ?? "", "admin"), 403)).detail).toBe(
      "Only owners change owners",
    );
    await problemOf(await setRole(admin, editor.memberId, "owner"), 403);
    // A viewer changes nobody.
    await problemOf(await setRole(editor, admin.memberId, "viewer"), 403);
  });

  it("never demotes, removes or lets go the last owner", async () => {
    const solo = await signUp("Solo Owner");
    const me = (await membersSeenBy(solo))[0];
    expect(me?.role).toBe("owner");
    expect((await problemOf(await setRole(solo, me?.id ?? "", "admin"), 409)).detail).toContain("last owner");
    await problemOf(await api(`/members/${me?.id}`, { method: "DELETE", as: solo }), 409);
    await problemOf(await api("/organisations/current/leave", { method: "POST", as: solo }), 409);

    // With a second owner, the first may step down.
    const second = await teamOf(solo, "owner", "Second Owner");
    expect((await setRole(solo, me?.id ?? "", "admin")).status).toBe(200);
    expect((await problemOf(await setRole(second, second.memberId, "editor"), 409)).detail).toContain("last owner");
  });

  it("removes a member, who then no longer acts in the organisation", async () => {
    const leaver = await teamOf(owner, "editor", "Rob Removed");
    expect((await currentOrganisation(leaver)).id).toBe((await currentOrganisation(owner)).id);
    expect((await api(`/members/${leaver.memberId}`, { method: "DELETE", as: owner })).status).toBe(204);
    expect((await membersSeenBy(owner)).map((m) => m.userId)).not.toContain(leaver.userId);
    // Their session falls back to their own organisation.
    expect((await currentOrganisation(leaver)).id).not.toBe((await currentOrganisation(owner)).id);
  });

  it("lets a member leave; the session moves to their own organisation", async () => {
    const leaver = await teamOf(owner, "viewer", "Lea Leaver");
    expect((await api("/organisations/current/leave", { method: "POST", as: leaver })).status).toBe(204);
    expect(await currentOrganisation(leaver)).toMatchObject({ role: "owner", name: "Lea Leaver" });
    expect((await membersSeenBy(owner)).map((m) => m.userId)).not.toContain(leaver.userId);
  });

  it("validates the role", async () => {
    const viewer = await teamOf(owner, "viewer");
    const problem = (await problemOf(await setRole(owner, viewer.memberId, "member"), 400)) as {
      errors?: Array<{ field: string }>;
    };
    expect(problem.errors?.map((e) => e.field)).toEqual(["role"]);
  });

  it("keeps organisations apart: another organisation's members are unknown ids", async () => {
    const member = await teamOf(owner, "editor", "Kept Apart");
    const other = await signUp("Outside Owner");
    expect((await membersSeenBy(other)).map((m) => m.userId)).toEqual([other.userId]);
    for (const response of [
      await setRole(other, member.memberId, "viewer"),
      await api(`/members/${member.memberId}`, { method: "DELETE", as: other }),
    ]) {
      expect((await problemOf(response, 404)).detail).toBe(`No member ${member.memberId}`);
    }
    expect((await membersSeenBy(owner)).find((m) => m.id === member.memberId)?.role).toBe("editor");
  });

  it("needs a person for member changes, not a token", async () => {
    const member = await teamOf(owner, "viewer");
    const { token } = await createToken(owner);
    await problemOf(await api(`/members/${member.memberId}`, { method: "DELETE", as: { token } }), 403);
  });
});
