import { describe, expect, it } from "vitest";
import { signInBackTo } from "../app/App";
import { nextPage } from "./AuthPage";

describe("coming back after signing in", () => {
  it("sends a signed-out visitor of an invitation link to sign in, then back to the link", () => {
    const signIn = signInBackTo("/invitations/abc123");
    expect(signIn).toBe("/sign-in?next=%2Finvitations%2Fabc123");
    expect(nextPage(signIn.slice("/sign-in".length))).toBe("/invitations/abc123");
    expect(signInBackTo("/")).toBe("/sign-in");
  });

  it("never follows ?next= off this site", () => {
    for (const next of [
      "//evil.example/x",
      "https://evil.example",
      "/\\evil.example",
      "javascript:alert(1)",
      "/ok\r\nSet-Cookie: x=1",
    ]) {
      expect(nextPage(`?next=${encodeURIComponent(next)}`)).toBe("/");
    }
    expect(nextPage("")).toBe("/");
  });
});
