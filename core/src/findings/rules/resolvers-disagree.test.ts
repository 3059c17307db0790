import { describe, expect, it } from "vitest";
import type { MemoryResolverOptions } from "../../dns/memory-resolver";
import type { DnsRecord } from "../../dns/types";
import { resolversDisagree } from "./resolvers-disagree";
import { a, at, healthyZone, healthyZoneWith, resolveZone, summary } from "./test-zone";

const D = "example.com";
const via = (label: string, zone: DnsRecord[], options: MemoryResolverOptions = {}, input = D) =>
  resolveZone(input, zone, { ...options, label });

describe("dns.resolver.disagree", () => {
  it.each([
    { name: "same answers", second: () => via("google", healthyZone()), expected: [] },
    {
      name: "a stale secondary still serves the old address",
      second: () => via("google", healthyZoneWith([a(`sip2.${D}`, "192.0.2.99")], at(`sip2.${D}`, "A"))),
      expected: [{ id: "dns.resolver.disagree", severity: "warning", subject: `sip2.${D} A` }],
    },
    {
      name: "only the TTL differs",
      second: () =>
        via(
          "google",
          healthyZone().map((r) => ({ ...r, ttl: 60 })),
        ),
      expected: [],
    },
    {
      name: "one resolver timed out: not an opinion",
      second: () => via("google", healthyZone(), { timeout: [`sip2.${D}`] }),
      expected: [],
    },
    {
      name: "a different domain is not compared",
      second: () => via("google", healthyZone("example.net"), {}, "example.net"),
      expected: [],
    },
    {
      name: "the same resolver twice is one view",
      second: () => via("cloudflare", healthyZoneWith([a(`sip2.${D}`, "192.0.2.99")], at(`sip2.${D}`, "A"))),
      expected: [],
    },
  ])("$name", async ({ second, expected }) => {
    const first = await via("cloudflare", healthyZone());
    expect(summary(resolversDisagree([first, await second()]))).toEqual(expected);
  });

  it("names the question and each resolver's answer", async () => {
    const findings = resolversDisagree([
      await via("cloudflare", healthyZone()),
      await via("google", healthyZoneWith([], at(`_sip._udp.${D}`))),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.title).toBe("Resolvers disagree on _sip._udp.example.com SRV");
    expect(findings[0]?.evidence).toEqual({
      question: { name: `_sip._udp.${D}`, type: "SRV" },
      answers: {
        cloudflare: [`_sip._udp.${D} SRV 10 50 5060 sip1.${D}`, `_sip._udp.${D} SRV 10 50 5060 sip2.${D}`],
        google: ["(nxdomain)"],
      },
    });
  });
});
