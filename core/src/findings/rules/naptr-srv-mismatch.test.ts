import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { naptrSrvMismatch } from "./naptr-srv-mismatch";
import { a, at, healthyZone, healthyZoneWith, naptr, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";
const provider = [
  srv("_sips._tcp.provider.net", 10, 10, 5061, "edge1.provider.net"),
  srv("_sips._tcp.provider.net", 10, 10, 5061, "edge2.provider.net"),
  a("edge1.provider.net", "198.51.100.1"),
  a("edge2.provider.net", "198.51.100.2"),
];
const tlsViaProvider = naptr(D, 10, 10, "SIPS+D2T", "_sips._tcp.provider.net");
const isTlsNaptr = (r: { type: string; services?: string }) => r.type === "NAPTR" && r.services === "SIPS+D2T";
const warningAt = (subject: string) => [{ id: "dns.naptr.srv-mismatch", severity: "warning", subject }];

describe("dns.naptr.srv-mismatch", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [] },
    {
      name: "SRV offers UDP, NAPTR does not",
      zone: healthyZoneWith([], (r) => r.type === "NAPTR" && r.services === "SIP+D2U"),
      expected: warningAt(`_sip._udp.${D}`),
    },
    {
      name: "NAPTR offers TLS elsewhere, the well-known owner is empty",
      zone: healthyZoneWith([tlsViaProvider, ...provider], (r) => isTlsNaptr(r) || at(`_sips._tcp.${D}`)(r)),
      expected: warningAt(`_sips._tcp.${D}`),
    },
    {
      name: "NAPTR and the well-known owner name different servers",
      zone: healthyZoneWith([tlsViaProvider, ...provider], isTlsNaptr),
      expected: warningAt(`_sips._tcp.${D}`),
    },
    {
      name: "NAPTR elsewhere with the same servers",
      zone: healthyZoneWith(
        [
          tlsViaProvider,
          srv("_sips._tcp.provider.net", 10, 50, 5061, `sip1.${D}`),
          srv("_sips._tcp.provider.net", 10, 50, 5061, `sip2.${D}`),
        ],
        isTlsNaptr,
      ),
      expected: [],
    },
    {
      name: "no NAPTR: SRV-only zones have nothing to mismatch",
      zone: healthyZoneWith([], (r) => r.type === "NAPTR"),
      expected: [],
    },
    {
      name: "an empty owner named by NAPTR itself is dangling, not a mismatch",
      zone: healthyZoneWith([], at(`_sip._tcp.${D}`)),
      expected: [],
    },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(naptrSrvMismatch(await resolveZone(D, zone)))).toEqual(expected);
  });

  it("shows both sides", async () => {
    const zone = healthyZoneWith([tlsViaProvider, ...provider], isTlsNaptr);
    const [finding] = naptrSrvMismatch(await resolveZone(D, zone));
    expect(finding?.title).toBe("NAPTR and _sips._tcp.example.com send TLS clients to different servers");
    expect(facts(finding)?.naptrSrv).toHaveLength(2);
    expect(facts(finding)?.wellKnownSrv).toHaveLength(2);
  });
});
