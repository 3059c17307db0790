import { OpenAPIHono } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../../src/http/context";
import { renderError } from "../../src/http/error-handlers";
import { requireRole } from "../../src/http/middleware/require-role";
import { api, signUp } from "../api/accounts";
import { addMember, removeMember, seedTeam, setMemberRole } from "../api/team-members";

describe("API token roles", () => {
  it("gives a new token its creator's role, a lower one on request, never a higher one", async () => {
    const { members } = await seedTeam("Tokens");
    const made = await api("/tokens", { method: "POST", as: members.admin, body: { name: "default" } });
    expect(made.status).toBe(201);
    expect(await made.json()).toMatchObject({ role: "admin" });
    const lower = await api("/tokens", { method: "POST", as: members.admin, body: { name: "ci", role: "viewer" } });
    expect(await lower.json()).toMatchObject({ role: "viewer" });
    const higher = await api("/tokens", { method: "POST", as: members.admin, body: { name: "x", role: "owner" } });
    expect(higher.status).toBe(403);
    expect(await higher.json()).toMatchObject({ code: "role_too_low" });
    const listed = (await (await api("/tokens", { as: members.owner })).json()) as { tokens: { role: string }[] };
    expect(listed.tokens.map((t) => t.role).sort()).toEqual(["admin", "viewer"]);
  });

  it("stops a token working once its creator leaves the organisation", async () => {
    const team = await seedTeam("Leaver");
    const maker = await signUp("Leaver Maker");
    await addMember(team.organisationId, maker, "admin");
    const { token } = (await (await api("/tokens", { method: "POST", as: maker, body: { name: "ci" } })).json()) as {
      token: string;
    };
    expect((await api("/monitors", { as: { token } })).status).toBe(200);
    await removeMember(team.organisationId, maker.userId);
    const after = await api("/monitors", { as: { token } });
    expect(after.status).toBe(401);
    expect(await after.json()).toMatchObject({ code: "unauthenticated" });
  });

  it("treats a member row from before roles ('member') as an editor", async () => {
    const team = await seedTeam("Legacy");
    await setMemberRole(team.organisationId, team.members.editor.userId, "member");
    const current = await api("/organisations/current", { as: team.members.editor });
    expect(await current.json()).toMatchObject({ id: team.organisationId, role: "editor" });
    const created = await api("/monitors", {
      method: "POST",
      as: team.members.editor,
      body: { name: "PBX", target: "sips:example.com" },
    });
    expect(created.status).toBe(201);
    const channel = await api("/channels", { method: "POST", as: team.members.editor, body: {} });
    expect(channel.status).toBe(403);
  });
});

describe("requireRole", () => {
  it("refuses an operation the role table does not list, even to an owner", async () => {
    const app = new OpenAPIHono<AppEnv>()
      .use(async (c, next) => {
        c.set("caller", { organisationId: "org_x", userId: "user_x", via: "session", role: "owner" });
        await next();
      })
      .use("/api/v1/*", requireRole)
      .get("/api/v1/unlisted/:id", (c) => c.json({ leaked: true }))
      .onError(renderError);
    const response = await app.request("/api/v1/unlisted/1");
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "forbidden" });
    // A path no route matches is still a 404, not a refusal.
    expect((await app.request("/api/v1/nothing-here")).status).toBe(404);
  });
});
