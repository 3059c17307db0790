import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, ORIGIN, signUp } from "./accounts";

describe("error responses", () => {
  it("answers an unknown route with a 404 problem", async () => {
    const user = await signUp();
    for (const response of [await api("/nothing-here", { as: user }), await SELF.fetch(`${ORIGIN}/nowhere`)]) {
      expect(response.status).toBe(404);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 404, code: "not_found", title: "Not found" });
    }
  });

  it("turns a bug into a 500 problem that leaks neither the stack nor the query", async () => {
    const user = await signUp();
    // Storage is per test file: breaking the table here breaks nothing elsewhere.
    await env.DB.prepare("ALTER TABLE monitor RENAME TO monitor_gone").run();
    const response = await api("/monitors", { as: user });
    expect(response.status).toBe(500);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      type: "urn:sipwatch:problem:internal",
      title: "Internal error",
      status: 500,
      detail: "Something went wrong on our side; it has been logged",
      code: "internal",
    });
    expect(text).not.toMatch(/select|monitor|at .*\.ts/i);
  });
});
