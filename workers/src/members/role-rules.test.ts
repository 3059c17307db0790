import type { Role } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import { refuseInvitation, refuseLeaving, refuseRemoval, refuseRoleChange } from "./role-rules";

const allowed = (r: unknown) => r === null;

describe("refuseRoleChange", () => {
  it.each<[Role, Role, Role, number, boolean]>([
    // actor, target, new role, owners, allowed
    ["owner", "editor", "admin", 1, true],
    ["owner", "owner", "admin", 2, true],
    ["owner", "owner", "admin", 1, false],
    ["owner", "viewer", "owner", 1, true],
    ["admin", "editor", "viewer", 1, true],
    ["admin", "viewer", "admin", 1, true],
    ["admin", "admin", "editor", 1, true],
    ["admin", "editor", "owner", 1, false],
    ["admin", "owner", "admin", 2, false],
    ["editor", "viewer", "editor", 1, false],
    ["viewer", "viewer", "editor", 1, false],
  ])("%s changing a %s to %s with %d owner(s): allowed %s", (actorRole, targetRole, newRole, ownerCount, expected) => {
    expect(allowed(refuseRoleChange({ actorRole, targetRole, newRole, ownerCount }))).toBe(expected);
  });

  it("says why the last owner stays", () => {
    expect(refuseRoleChange({ actorRole: "owner", targetRole: "owner", newRole: "viewer", ownerCount: 1 })).toEqual({
      code: "conflict",
      detail: expect.stringContaining("last owner"),
    });
  });
});

describe("refuseRemoval and refuseLeaving", () => {
  it.each<[Role, Role, number, boolean]>([
    ["owner", "owner", 2, true],
    ["owner", "owner", 1, false],
    ["owner", "admin", 1, true],
    ["admin", "admin", 1, true],
    ["admin", "owner", 2, false],
    ["editor", "viewer", 1, false],
  ])("%s removing a %s with %d owner(s): allowed %s", (actorRole, targetRole, ownerCount, expected) => {
    expect(allowed(refuseRemoval({ actorRole, targetRole, ownerCount }))).toBe(expected);
  });

  it("lets anyone leave but the last owner", () => {
    expect(refuseLeaving({ role: "viewer", ownerCount: 1 })).toBeNull();
    expect(refuseLeaving({ role: "owner", ownerCount: 2 })).toBeNull();
    expect(refuseLeaving({ role: "owner", ownerCount: 1 })?.code).toBe("conflict");
  });
});

describe("refuseInvitation", () => {
  it("lets owners invite anyone, admins anyone but owners, nobody else", () => {
    expect(refuseInvitation("owner", "owner")).toBeNull();
    expect(refuseInvitation("admin", "admin")).toBeNull();
    expect(refuseInvitation("admin", "owner")?.code).toBe("forbidden");
    expect(refuseInvitation("editor", "viewer")?.code).toBe("forbidden");
  });
});
