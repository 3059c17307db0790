import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { srvTargetCname } from "./srv-target-cname";
import { a, at, cname, healthyZone, healthyZoneWith, resolveZone, summary } from "./test-zone";

const aliasedSip2 = healthyZoneWith(
  [cname("sip2.example.com", "edge.provider.net"), a("edge.provider.net", "198.51.100.7")],
  at("sip2.example.com"),
);

describe("dns.srv.target-cname", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [] },
    {
      name: "an SRV target that is an alias",
      zone: aliasedSip2,
      expected: [{ id: "dns.srv.target-cname", severity: "warning", subject: "sip2.example.com" }],
    },
    {
      name: "an alias nobody's SRV points at",
      zone: healthyZoneWith([cname("www.example.com", "sip1.example.com")]),
      expected: [],
    },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(srvTargetCname(await resolveZone("example.com", zone)))).toEqual(expected);
  });

  it("shows the alias once and every SRV owner that names it", async () => {
    const [finding] = srvTargetCname(await resolveZone("example.com", aliasedSip2));
    expect(finding?.title).toBe("SRV target sip2.example.com is a CNAME");
    expect(facts(finding)?.cnames).toEqual(["sip2.example.com CNAME edge.provider.net"]);
    expect(facts(finding)?.srvOwners).toEqual(
      expect.arrayContaining(["_sips._tcp.example.com", "_sip._tcp.example.com", "_sip._udp.example.com"]),
    );
  });
});
