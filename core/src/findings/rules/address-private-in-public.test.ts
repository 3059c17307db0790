import { describe, expect, it } from "vitest";
import { addressPrivateInPublic } from "./address-private-in-public";
import { a, aaaa, at, healthyZone, healthyZoneWith, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";
const finding = (severity: string, subject: string) => ({ id: "dns.address.private-in-public", severity, subject });

describe("dns.address.private-in-public", () => {
  it.each([
    { name: "healthy zone (documentation ranges count as public)", zone: healthyZone(), expected: [] },
    {
      name: "an RFC 1918 address on an SRV target clients try",
      zone: healthyZoneWith([a(`sip2.${D}`, "10.0.0.12")], at(`sip2.${D}`, "A")),
      expected: [finding("critical", `sip2.${D}`)],
    },
    {
      name: "a ULA address on an SRV target",
      zone: healthyZoneWith([aaaa(`sip1.${D}`, "fd00::11")], at(`sip1.${D}`, "AAAA")),
      expected: [finding("critical", `sip1.${D}`)],
    },
    {
      name: "a CGNAT address",
      zone: healthyZoneWith([a(`sip1.${D}`, "100.64.0.11")], at(`sip1.${D}`, "A")),
      expected: [finding("critical", `sip1.${D}`)],
    },
    {
      name: "a private address on the domain, which NAPTR clients never try",
      zone: healthyZoneWith([a(D, "192.168.1.10")], at(D, "A")),
      expected: [finding("warning", D)],
    },
    {
      name: "the same private address on the domain when it is the only way in",
      zone: [a(D, "192.168.1.10")],
      expected: [finding("critical", D)],
    },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(addressPrivateInPublic(await resolveZone(D, zone)))).toEqual(expected);
  });

  it("lists host, address and scope", async () => {
    const zone = healthyZoneWith([a(`sip2.${D}`, "10.0.0.12")], at(`sip2.${D}`, "A"));
    const [result] = addressPrivateInPublic(await resolveZone(D, zone));
    expect(result?.title).toBe("sip2.example.com resolves to a non-public address: 10.0.0.12");
    expect(result?.evidence).toMatchObject({
      host: `sip2.${D}`,
      addresses: [{ address: "10.0.0.12", scope: "private", tried: true }],
    });
  });
});

describe("dns.address.private-in-public in the local lab", () => {
  it("accepts loopback only when the audit runs against the lab", async () => {
    const resolution = await resolveZone("example.com", [
      srv("_sip._udp.example.com", 10, 10, 5060, "sip1.example.com"),
      a("sip1.example.com", "127.0.0.1"),
      a("sip2.example.com", "10.0.0.5"),
    ]);
    expect(addressPrivateInPublic(resolution).map((f) => f.subject)).toEqual(["sip1.example.com"]);
    expect(addressPrivateInPublic(resolution, { loopbackIsLab: true })).toEqual([]);
  });
});
