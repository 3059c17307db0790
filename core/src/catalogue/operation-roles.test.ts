import { describe, expect, it } from "vitest";
import { can, lowerRole, neededRole, OPERATION_ROLES } from "./operation-roles";
import { ROLES } from "./roles";

describe("OPERATION_ROLES", () => {
  it("lets viewers read monitors but not change them", () => {
    expect(can("viewer", "GET /api/v1/monitors")).toBe(true);
    expect(can("viewer", "POST /api/v1/monitors")).toBe(false);
    expect(can("editor", "POST /api/v1/monitors")).toBe(true);
  });

  it.each([
    ["PATCH /api/v1/monitors/{id}", "editor"],
    ["POST /api/v1/monitors/{id}/maintenance", "editor"],
    ["POST /api/v1/monitors/{id}/mutes", "editor"],
    ["POST /api/v1/incidents/{id}/resolve", "editor"],
    ["POST /api/v1/status-pages", "editor"],
    ["POST /api/v1/channels", "admin"],
    ["POST /api/v1/tokens", "admin"],
    ["DELETE /api/v1/agents/{id}", "admin"],
  ] as const)("%s needs %s and nothing lower", (operation, needed) => {
    expect(neededRole(operation)).toBe(needed);
    for (const role of ROLES) expect(can(role, operation)).toBe(ROLES.indexOf(role) >= ROLES.indexOf(needed));
  });

  it("refuses every role an operation it does not list", () => {
    for (const role of ROLES) expect(can(role, "POST /api/v1/something-new")).toBe(false);
    expect(neededRole("GET /api/v1/agent/jobs")).toBeNull();
  });

  it("lets owners do everything", () => {
    for (const operation of Object.keys(OPERATION_ROLES)) expect(can("owner", operation)).toBe(true);
  });
});

describe("lowerRole", () => {
  it("caps a token at the lower of its role and its creator's", () => {
    expect(lowerRole("admin", "editor")).toBe("editor");
    expect(lowerRole("viewer", "owner")).toBe("viewer");
    expect(lowerRole("editor", "editor")).toBe("editor");
  });
});
