import { describe, expect, it } from "vitest";
import { domainNoAddress } from "./domain-no-address";
import { a, at, healthyZone, healthyZoneWith, resolveZone, summary } from "./test-zone";

const D = "example.com";
const isDomainAddress = (r: { name: string; type: string }) => r.name === D && (r.type === "A" || r.type === "AAAA");

describe("dns.domain.no-address", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [] },
    {
      name: "NAPTR and SRV but no address on the domain",
      zone: healthyZoneWith([], isDomainAddress),
      expected: [{ id: "dns.domain.no-address", severity: "warning", subject: D }],
    },
    {
      name: "SRV only, no address on the domain",
      zone: healthyZoneWith([], (r) => isDomainAddress(r) || r.type === "NAPTR"),
      expected: [{ id: "dns.domain.no-address", severity: "warning", subject: D }],
    },
    {
      name: "IPv4 only on the domain is enough",
      zone: healthyZoneWith([], at(D, "AAAA")),
      expected: [],
    },
    {
      name: "no discovery records at all is dns.discovery.none",
      zone: [a(`sip1.${D}`, "192.0.2.11")],
      expected: [],
    },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(domainNoAddress(await resolveZone(D, zone)))).toEqual(expected);
  });
});
