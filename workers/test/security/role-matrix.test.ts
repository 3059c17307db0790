import { AGENT_OPERATIONS, can, neededRole, OPERATION_ROLES, ROLE_LABELS, ROLES, type Role } from "@sipwatch/core";
import { beforeAll, describe, expect, it } from "vitest";
import securityMd from "../../../SECURITY.md?raw";
import { api, type Credentials, signUp } from "../api/accounts";
import { addMember, seedTeam, setMemberRole, type Team } from "../api/team-members";

/** Operations only a signed-in person may call, whatever a token's role (tokens.ts, organisations.ts). */
const SESSION_ONLY = new Set([
  "GET /api/v1/tokens",
  "POST /api/v1/tokens",
  "DELETE /api/v1/tokens/{id}",
  "POST /api/v1/organisations",
  "POST /api/v1/organisations/{id}/activate",
  "DELETE /api/v1/organisations/current",
  // Members and invitations change who is in the organisation: a person does that, not a script.
  "PATCH /api/v1/members/{id}",
  "DELETE /api/v1/members/{id}",
  "POST /api/v1/organisations/current/leave",
  "GET /api/v1/invitations",
  "POST /api/v1/invitations",
  "DELETE /api/v1/invitations/{id}",
  "GET /api/v1/invitations/{id}/invitee-view",
  "POST /api/v1/invitations/{id}/accept",
]);

interface Caller {
  label: string;
  as: Credentials;
  /** The role the API should act with for this caller. */
  role: Role;
  via: "session" | "token";
}

async function documentOperations(): Promise<string[]> {
  const doc = (await (await api("/openapi.json")).json()) as { paths: Record<string, object> };
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
}

/**
 * Calls an operation with ids that exist nowhere and an empty body: a caller whose role allows
 * it gets past the role check and then a 400 or 404, so nothing of the team is changed.
 */
function call(operation: string, as: Credentials): Promise<Response> {
  const [method = "GET", template = ""] = operation.split(" ");
  const path = template.replace(/^\/api\/v1/, "").replace(/\{(\w+)\}/g, (_, name: string) => `missing_${name}`);
  const body = ["POST", "PUT", "PATCH"].includes(method) ? {} : undefined;
  return api(path, { method, as, body });
}

async function createToken(as: { cookie: string }, role?: Role): Promise<Response> {
  return api("/tokens", { method: "POST", as, body: { name: `role ${role ?? "default"}`, ...(role ? { role } : {}) } });
}

describe("the role matrix", () => {
  let team: Team;
  let callers: Caller[];

  beforeAll(async () => {
    team = await seedTeam("Matrix");
    const { members } = team;
    callers = ROLES.map((role) => ({ label: `${role} session`, as: members[role], role, via: "session" as const }));

    // An admin's token made as editor acts as an editor.
    const capped = (await (await createToken(members.admin, "editor")).json()) as { token: string };
    callers.push({ label: "editor token of an admin", as: { token: capped.token }, role: "editor", via: "token" });

    // An admin token whose maker is later demoted to viewer acts as a viewer.
    const maker = await signUp("Matrix Maker");
    await addMember(team.organisationId, maker, "admin");
    const demoted = (await (await createToken(maker, "admin")).json()) as { token: string };
    await setMemberRole(team.organisationId, maker.userId, "viewer");
    callers.push({
      label: "admin token of a demoted maker",
      as: { token: demoted.token },
      role: "viewer",
      via: "token",
    });
  });

  it("gives a role to exactly the operations of the OpenAPI document (plus the agent protocol)", async () => {
    const documented = await documentOperations();
    expect([...documented].sort()).toEqual([...Object.keys(OPERATION_ROLES), ...AGENT_OPERATIONS].sort());
  });

  // Leaving names no id, so calling it really leaves: it is checked below with members of its own.
  const LEAVE = "POST /api/v1/organisations/current/leave";

  it("lets a member of every role leave, and no token", async () => {
    for (const role of ["viewer", "editor", "admin"] as const) {
      const person = await signUp(`Leaving ${role}`);
      await addMember(team.organisationId, person, role);
      const left = await api("/organisations/current/leave", { method: "POST", as: person });
      expect(left.status, `${role}: ${await left.clone().text()}`).toBeLessThan(300);
    }
    for (const caller of callers.filter((c) => c.via === "token")) {
      const refused = await api("/organisations/current/leave", { method: "POST", as: caller.as });
      expect(refused.status).toBe(403);
      expect(await refused.text()).not.toContain("role_too_low");
    }
  });

  it.each(Object.keys(OPERATION_ROLES).filter((op) => op !== LEAVE))(
    "%s: allowed from its role up, role_too_low below",
    async (operation) => {
      const needed = neededRole(operation);
      for (const caller of callers) {
        const response = await call(operation, caller.as);
        const text = await response.text();
        const where = `${caller.label} -> ${response.status} ${text}`;
        if (can(caller.role, operation)) {
          expect(text, where).not.toContain("role_too_low");
          if (caller.via === "session" || !SESSION_ONLY.has(operation)) expect(response.status, where).not.toBe(403);
          expect(response.status, where).not.toBe(401);
        } else {
          expect(response.status, where).toBe(403);
          const problem = JSON.parse(text) as { code: string; detail: string };
          expect(problem.code, where).toBe("role_too_low");
          expect(problem.detail, where).toContain(ROLE_LABELS[needed ?? "owner"]);
        }
      }
    },
  );

  it("keeps a viewer's reads working and their writes out, monitor by monitor", async () => {
    const { members } = team;
    const created = await api("/monitors", {
      method: "POST",
      as: members.editor,
      body: { name: "Edge PBX", target: "sips:example.com" },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/monitors/${id}`, { as: members.viewer })).status).toBe(200);
    const patched = await api(`/monitors/${id}`, { method: "PATCH", as: members.viewer, body: { name: "Renamed" } });
    expect(patched.status).toBe(403);
    const deleted = await api(`/monitors/${id}`, { method: "DELETE", as: members.viewer });
    expect(deleted.status).toBe(403);
    expect(((await (await api(`/monitors/${id}`, { as: members.viewer })).json()) as { name: string }).name).toBe(
      "Edge PBX",
    );
    expect((await api(`/monitors/${id}`, { method: "DELETE", as: members.editor })).status).toBe(204);
  });
});

describe("SECURITY.md's role table", () => {
  it("is OPERATION_ROLES, row for row", () => {
    const rows = [...securityMd.matchAll(/^\| `([A-Z]+ \/api\/v1\/[^`]*)` \| (\w+) \|$/gm)].map(([, op, role]) => [
      op,
      role,
    ]);
    expect(rows).toEqual(Object.entries(OPERATION_ROLES).map(([op, role]) => [op, ROLE_LABELS[role]]));
  });
});
