import { describe, expect, it } from "vitest";
import { api, signedUpWithToken, signUp } from "./accounts";

interface Organisation {
  id: string;
  name: string;
  role: string | null;
}

describe("organisations", () => {
  it("creates an organisation the caller owns, and switches the session to it", async () => {
    const user = await signUp("Grace");
    const created = await api("/organisations", { method: "POST", as: user, body: { name: "Night shift" } });
    expect(created.status).toBe(201);
    const team = (await created.json()) as Organisation;
    expect(team).toMatchObject({ name: "Night shift", role: "owner" });
    expect(team.id).toMatch(/^org_/);

    const list = (await (await api("/organisations", { as: user })).json()) as { organisations: Organisation[] };
    expect(list.organisations.map((o) => o.name)).toEqual(["Grace", "Night shift"]);

    // Still in the personal organisation until switched.
    const before = (await (await api("/organisations/current", { as: user })).json()) as Organisation;
    expect(before.name).toBe("Grace");
    const activated = await api(`/organisations/${team.id}/activate`, { method: "POST", as: user });
    expect(activated.status).toBe(200);
    const after = (await (await api("/organisations/current", { as: user })).json()) as Organisation;
    expect(after.id).toBe(team.id);

    // Monitors follow the active organisation.
    await api("/monitors", { method: "POST", as: user, body: { name: "night", target: "night.example.com" } });
    await api(`/organisations/${before.id}/activate`, { method: "POST", as: user });
    const personal = (await (await api("/monitors", { as: user })).json()) as { monitors: unknown[] };
    expect(personal.monitors).toEqual([]);
  });

  it("will not activate an organisation the user is not a member of", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const theirs = (await (await api("/organisations/current", { as: owner })).json()) as Organisation;
    const response = await api(`/organisations/${theirs.id}/activate`, { method: "POST", as: stranger });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: "not_found" });
  });

  it("lets a token see its organisation but not create or switch organisations", async () => {
    const user = await signedUpWithToken("Tokened");
    const as = { token: user.token };
    // A token made without a role gets its creator's: the owner of their personal organisation.
    const current = await api("/organisations/current", { as });
    expect(await current.json()).toMatchObject({ name: "Tokened", role: "owner" });
    const list = (await (await api("/organisations", { as })).json()) as { organisations: Organisation[] };
    expect(list.organisations.map((o) => o.name)).toEqual(["Tokened"]);
    const created = await api("/organisations", { method: "POST", as, body: { name: "Rogue" } });
    expect(created.status).toBe(403);
    expect(await created.json()).toMatchObject({ code: "forbidden" });
    const organisation = (await (await api("/organisations/current", { as })).json()) as Organisation;
    const activate = await api(`/organisations/${organisation.id}/activate`, { method: "POST", as });
    expect(activate.status).toBe(403);
  });

  it("names the field when an organisation has no name", async () => {
    const user = await signUp();
    const response = await api("/organisations", { method: "POST", as: user, body: { name: "  " } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: "validation_failed", errors: [{ field: "name" }] });
  });
});
