import { describe, expect, it } from "vitest";
import type { Schemas } from "../api/client";
import { accountBody, accountValuesOf, passwordState } from "./test-account";

const stored: Schemas["Credential"] = {
  source: "stored",
  user: "monitor",
  authUser: null,
  domain: null,
  outboundProxy: "sip:proxy.example.com:5070;transport=tcp",
  expectContact: "as-sent",
  password: "set",
  updatedAt: "2026-12-05T21:00:00.000Z",
};

describe("the test-account form", () => {
  it("never starts with a password, and says only whether one is set", () => {
    expect(accountValuesOf(stored).password).toBe("");
    expect(passwordState(stored)).toBe("set");
    expect(passwordState(null)).toBe("none");
    expect(passwordState({ ...stored, source: "agent", password: "agent" })).toBe("agent");
  });

  it("needs a password for a new stored account, not for an edit of one", () => {
    const values = { ...accountValuesOf(null), user: "monitor" };
    expect(accountBody(values, null)).toEqual({
      errors: [{ field: "password", message: "Enter the test account's password" }],
    });
    const edit = accountBody({ ...accountValuesOf(stored), authUser: " auth " }, stored);
    expect(edit).toEqual({
      body: {
        source: "stored",
        user: "monitor",
        authUser: "auth",
        domain: null,
        outboundProxy: "sip:proxy.example.com:5070;transport=tcp",
        expectContact: "as-sent",
      },
    });
    const replace = accountBody({ ...accountValuesOf(stored), password: "new" }, stored);
    expect("body" in replace && replace.body.password).toBe("new");
  });

  it("shows the stored outbound proxy and clears it when emptied", () => {
    expect(accountValuesOf(stored).outboundProxy).toBe("sip:proxy.example.com:5070;transport=tcp");
    const cleared = accountBody({ ...accountValuesOf(stored), outboundProxy: "  " }, stored);
    expect("body" in cleared && cleared.body.outboundProxy).toBeNull();
  });

  it("sends no password for an agent-held account", () => {
    const body = accountBody({ ...accountValuesOf(null), source: "agent", user: "office", password: "typed" }, null);
    expect(body).toEqual({
      body: expect.not.objectContaining({ password: expect.anything() }),
    });
  });
});
