import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, clientAddress, ORIGIN, signUp } from "../api/accounts";
import { expectProblem, withNothingStored } from "./stored";

const user = await signUp("Limited User");

const signUpNamed = (name: string) =>
  SELF.fetch(`${ORIGIN}/api/auth/sign-up/email`, {
    method: "POST",
    headers: { "content-type": "application/json", "cf-connecting-ip": clientAddress() },
    body: JSON.stringify({
      name,
      email: `n.${crypto.randomUUID().slice(0, 8)}@example.test`,
      password: "a long password",
    }),
  });

describe("accounts and names", () => {
  it("refuses a sixth organisation for one account (ORGANISATION_LIMIT, default 5), storing nothing", async () => {
    for (let i = 0; i < 4; i++) {
      expect((await api("/organisations", { method: "POST", as: user, body: { name: `Org ${i}` } })).status).toBe(201);
    }
    const response = await withNothingStored(() =>
      api("/organisations", { method: "POST", as: user, body: { name: "One too many" } }),
    );
    await expectProblem(response, 409, "limit_reached");
  });

  it.each([
    ["a monitor name with CR/LF", "/monitors", { name: "pbx\r\nBcc: x@example.test", target: "example.com" }, "name"],
    ["a monitor target with a NUL", "/monitors", { name: "pbx", target: "sip:a@example.com;x=\u0000" }, "target"],
    [
      "a channel name with a bidi override",
      "/channels",
      { name: "ops\u202Etxt.exe", config: { type: "email", to: ["a@example.test"] } },
      "name",
    ],
    ["an organisation name with a tab", "/organisations", { name: "a\tb" }, "name"],
    ["a token name with an escape", "/tokens", { name: "ci\u001b[31m" }, "name"],
  ])("refuses %s, storing nothing", async (_, path, body, field) => {
    const response = await withNothingStored(() => api(path, { method: "POST", as: user, body }));
    const problem = await expectProblem(response, 400, "validation_failed");
    expect((problem.errors as Array<{ field: string }>).map((e) => e.field)).toEqual([field]);
  });

  it.each([
    ["100,000 characters long", "n".repeat(10_000)],
    ["with a line break", "Eve\r\nAdmin"],
  ])("refuses a sign-up name %s, creating no account or organisation", async (_, name) => {
    const response = await withNothingStored(() => signUpNamed(name));
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors).toEqual([{ field: "name", message: expect.any(String) }]);
  });
});
