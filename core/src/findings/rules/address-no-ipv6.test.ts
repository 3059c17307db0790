import { describe, expect, it } from "vitest";
import { addressNoIpv6 } from "./address-no-ipv6";
import { healthyZone, healthyZoneWith, resolveZone, summary } from "./test-zone";

const D = "example.com";

describe("dns.address.no-ipv6", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), options: {}, expected: [] },
    {
      name: "IPv4 only",
      zone: healthyZoneWith([], (r) => r.type === "AAAA"),
      options: {},
      expected: [{ id: "dns.address.no-ipv6", severity: "info", subject: D }],
    },
    {
      name: "no addresses at all is someone else's finding",
      zone: healthyZoneWith([], (r) => r.type === "AAAA" || r.type === "A"),
      options: {},
      expected: [],
    },
    {
      name: "an AAAA lookup that failed proves nothing",
      zone: healthyZoneWith([], (r) => r.type === "AAAA"),
      options: { timeout: [`sip2.${D}`] },
      expected: [],
    },
  ])("$name", async ({ zone, options, expected }) => {
    expect(summary(addressNoIpv6(await resolveZone(D, zone, options)))).toEqual(expected);
  });
});
