import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/env";
import type { AuditSettings } from "../../src/probing/audit-job";
import { settingsForRegion } from "../../src/probing/audit-settings";
import { parseTcpResolver } from "../../src/probing/resolver-spec";

const settings: AuditSettings = {
  resolvers: ["https://a.example/dns-query", "https://b.example/dns-query"],
  extraCaPems: [],
  allowLoopback: false,
  probeTimeoutMs: 5000,
  deadlineMs: 20_000,
};

describe("each region asks a different public resolver first", () => {
  it("gives the default regions different first resolvers and keeps the rest as fallbacks", () => {
    const weur = settingsForRegion(settings, "weur").resolvers;
    const enam = settingsForRegion(settings, "enam").resolvers;
    expect(weur).toEqual(["https://a.example/dns-query", "https://b.example/dns-query"]);
    expect(enam).toEqual(["https://b.example/dns-query", "https://a.example/dns-query"]);
  });

  it("leaves a single resolver and unknown regions alone", () => {
    const one = { ...settings, resolvers: ["https://a.example/dns-query"] };
    expect(settingsForRegion(one, "enam")).toBe(one);
    expect(settingsForRegion(settings, "mars")).toBe(settings);
  });
});

describe("resolver specs", () => {
  it("reads DNS over TCP to an IP, with or without a port", () => {
    expect(parseTcpResolver("tcp://8.8.8.8")).toEqual({ address: "8.8.8.8", port: 53 });
    expect(parseTcpResolver("tcp://[2001:db8::53]:5353")).toEqual({ address: "2001:db8::53", port: 5353 });
    expect(parseTcpResolver("tcp://dns.example")).toBeNull();
    expect(parseTcpResolver("tcp://8.8.8.8:70000")).toBeNull();
    expect(parseTcpResolver("https://dns.google/dns-query")).toBeNull();
  });

  it("refuses a configuration that names no usable resolver, naming the variable", () => {
    const base = {
      DB: env.DB,
      REGION_PROBER: env.REGION_PROBER,
      AUTH_RATE_LIMIT: env.AUTH_RATE_LIMIT,
      TOKEN_RATE_LIMIT: env.TOKEN_RATE_LIMIT,
      BETTER_AUTH_SECRET: "x".repeat(40),
      PUBLIC_URL: "https://sipwatch.example",
    };
    expect(() => parseConfig({ ...base, DNS_RESOLVERS: "udp://8.8.8.8" })).toThrow(/DNS_RESOLVERS/);
    expect(() => parseConfig({ ...base, DNS_RESOLVERS: "http://dns.example/dns-query" })).toThrow(/DNS_RESOLVERS/);
    expect(() => parseConfig({ ...base, DNS_RESOLVERS: "" })).toThrow(/DNS_RESOLVERS/);
    expect(parseConfig({ ...base, DNS_RESOLVERS: "tcp://8.8.8.8, https://dns.google/dns-query" }).resolvers).toEqual([
      "tcp://8.8.8.8",
      "https://dns.google/dns-query",
    ]);
  });
});
