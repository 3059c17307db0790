import { describe, expect, it } from "vitest";
import { formatSipTarget, parseSipTarget } from "./uri";

describe("parseSipTarget", () => {
  it.each([
    ["example.com", { scheme: "sip", host: "example.com", hostKind: "domain" }],
    ["Example.COM.", { scheme: "sip", host: "example.com", hostKind: "domain" }],
    ["sip:alice@example.com", { scheme: "sip", user: "alice", host: "example.com" }],
    ["sips:example.com", { scheme: "sips", host: "example.com" }],
    ["sip:example.com;transport=TCP", { transport: "tcp" }],
    ["sips:example.com;transport=tcp", { transport: "tls" }],
    ["sips:example.com;transport=ws", { transport: "wss" }],
    ["sip:example.com:5080", { port: 5080 }],
    ["sip:192.0.2.10", { hostKind: "ipv4", host: "192.0.2.10" }],
    ["sip:[2001:db8::1]:5061", { hostKind: "ipv6", host: "2001:db8::1", port: 5061 }],
    ["sip:bob@example.com;transport=udp?subject=hi", { transport: "udp", user: "bob" }],
  ])("parses %s", (input, expected) => {
    const parsed = parseSipTarget(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.target).toMatchObject(expected);
  });

  it.each([
    ["", /empty/],
    ["sip:", /no host/],
    ["sip:example.com:99999", /invalid port/],
    ["sip:example.com;transport=carrier-pigeon", /unknown transport/],
    ["https://example.com", /not a SIP URI/],
    ["sip:exa mple.com", /not a valid host/],
    ["sip:[2001:db8::1", /unbalanced/],
    ["sip:[zz::1]", /not a valid IPv6/],
  ])("rejects %j with a clear reason", (input, reason) => {
    const parsed = parseSipTarget(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(reason);
  });

  it("formats back to a URI", () => {
    const parsed = parseSipTarget("sips:[2001:db8::1]:5061;transport=tcp");
    expect(parsed.ok && formatSipTarget(parsed.target)).toBe("sips:[2001:db8::1]:5061;transport=tls");
  });
});
