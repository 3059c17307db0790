import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, createToken, signUp } from "./accounts";

const HOUR_MS = 60 * 60 * 1000;

describe("API tokens", () => {
  it("creates a token shown once, uses it, lists it without the secret, revokes it", async () => {
    const user = await signUp();
    const created = await api("/tokens", { method: "POST", as: user, body: { name: "deploy" } });
    expect(created.status).toBe(201);
    const { id, token, prefix } = (await created.json()) as { id: string; token: string; prefix: string };
    expect(token).toMatch(/^swt_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(prefix)).toBe(true);

    const stored = await env.DB.prepare("SELECT token_hash FROM api_token WHERE id = ?")
      .bind(id)
      .first<{ token_hash: string }>();
    expect(stored?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.token_hash).not.toContain(token.slice(4));

    const used = await api("/monitors", { as: { token } });
    expect(used.status).toBe(200);

    const listed = await api("/tokens", { as: user });
    const { tokens } = (await listed.json()) as { tokens: Array<Record<string, unknown>> };
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ id, name: "deploy", prefix });
    expect(tokens[0]?.lastUsedAt).toEqual(expect.any(String));
    expect(JSON.stringify(tokens)).not.toContain(token);

    expect((await api(`/tokens/${id}`, { method: "DELETE", as: user })).status).toBe(204);
    const revoked = await api("/monitors", { as: { token } });
    expect(revoked.status).toBe(401);
    expect(await revoked.json()).toMatchObject({ code: "unauthenticated" });
    expect((await api("/tokens", { as: user }).then((r) => r.json())) as unknown).toEqual({ tokens: [] });
    expect((await api(`/tokens/${id}`, { method: "DELETE", as: user })).status).toBe(404);
  });

  it("refuses expired, unknown and malformed tokens", async () => {
    const user = await signUp();
    const { id, token } = await createToken(user);
    await env.DB.prepare("UPDATE api_token SET expires_at = ? WHERE id = ?")
      .bind(Date.now() - 1, id)
      .run();
    for (const bad of [token, `swt_${"A".repeat(43)}`, "swt_short", "not-a-token"]) {
      expect((await api("/monitors", { as: { token: bad } })).status).toBe(401);
    }
    // A bad Authorization header is not rescued by a valid cookie.
    const both = await api("/monitors", { headers: { authorization: "Bearer nope", cookie: user.cookie } });
    expect(both.status).toBe(401);
  });

  it("writes lastUsedAt at most once an hour", async () => {
    const user = await signUp();
    const { id, token } = await createToken(user);
    const lastUsed = async () =>
      (
        await env.DB.prepare("SELECT last_used_at FROM api_token WHERE id = ?")
          .bind(id)
          .first<{ last_used_at: number }>()
      )?.last_used_at;
    await api("/monitors", { as: { token } });
    const first = await lastUsed();
    expect(first).toEqual(expect.any(Number));
    await api("/monitors", { as: { token } });
    expect(await lastUsed()).toBe(first);

    const anHourAgo = Date.now() - HOUR_MS - 1;
    await env.DB.prepare("UPDATE api_token SET last_used_at = ? WHERE id = ?").bind(anHourAgo, id).run();
    await api("/monitors", { as: { token } });
    expect(await lastUsed()).toBeGreaterThan(anHourAgo + HOUR_MS);
  });

  it("keeps token management to sessions: a token cannot mint or list tokens", async () => {
    const user = await signUp();
    const { token } = await createToken(user);
    expect((await api("/tokens", { as: { token } })).status).toBe(403);
    expect((await api("/tokens", { method: "POST", as: { token }, body: { name: "more" } })).status).toBe(403);
  });

  it("cannot revoke another organisation's token", async () => {
    const owner = await signUp();
    const other = await signUp();
    const { id, token } = await createToken(owner);
    expect((await api(`/tokens/${id}`, { method: "DELETE", as: other })).status).toBe(404);
    expect((await api("/monitors", { as: { token } })).status).toBe(200);
  });
});
