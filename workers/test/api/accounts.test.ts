import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, sessionCookie, signIn, signUp } from "./accounts";

describe("accounts", () => {
  it("signs up into a personal organisation the session acts in", async () => {
    const user = await signUp("Ada Lovelace");
    // Set at sign-up by better-auth's hooks, before any API call could patch it up.
    const session = await env.DB.prepare("SELECT active_organisation_id FROM session WHERE user_id = ?")
      .bind(user.userId)
      .first<{ active_organisation_id: string | null }>();
    const current = await api("/organisations/current", { as: user });
    expect(current.status).toBe(200);
    const organisation = (await current.json()) as { id: string };
    expect(organisation).toMatchObject({ name: "Ada Lovelace", role: "owner" });
    expect(session?.active_organisation_id).toBe(organisation.id);
  });

  it("signs in with the password and gets a working session", async () => {
    const user = await signUp();
    const response = await signIn(user.email, user.password);
    expect(response.status).toBe(200);
    const cookie = sessionCookie(response);
    expect(cookie).not.toBe(user.cookie);
    const organisations = await api("/organisations", { as: { cookie } });
    expect(organisations.status).toBe(200);
    expect((await organisations.json()) as unknown).toMatchObject({ organisations: [{ role: "owner" }] });
  });

  it("refuses a wrong password", async () => {
    const user = await signUp();
    const response = await signIn(user.email, "not the password");
    expect(response.status).toBe(401);
  });

  it("answers 401 problems without credentials or with a forged cookie", async () => {
    for (const as of [undefined, { cookie: "better-auth.session_token=forged.value" }]) {
      const response = await api("/monitors", { as });
      expect(response.status).toBe(401);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 401, code: "unauthenticated" });
    }
  });
});
