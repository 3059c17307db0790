import { describe, expect, it } from "vitest";
import { srvLegacyName } from "./srv-legacy-name";
import { a, at, healthyZone, healthyZoneWith, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";
const legacy = [srv(`_sip._tls.${D}`, 10, 10, 5061, `sip1.${D}`)];
const warning = [{ id: "dns.srv.legacy-name", severity: "warning", subject: `_sip._tls.${D}` }];

describe("dns.srv.legacy-name", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [], tlsLost: false },
    { name: "legacy name beside _sips._tcp", zone: healthyZoneWith(legacy), expected: warning, tlsLost: false },
    {
      name: "legacy name instead of _sips._tcp",
      zone: [...legacy, srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip1.${D}`), a(`sip1.${D}`, "192.0.2.11")],
      expected: warning,
      tlsLost: true,
    },
    {
      name: "legacy name that only says no",
      zone: healthyZoneWith([srv(`_sip._tls.${D}`, 0, 0, 0, ".")]),
      expected: [],
      tlsLost: false,
    },
    {
      name: "_sips._tcp removed, legacy left",
      zone: healthyZoneWith(
        legacy,
        (r) => at(`_sips._tcp.${D}`)(r) || (r.type === "NAPTR" && r.services === "SIPS+D2T"),
      ),
      expected: warning,
      tlsLost: true,
    },
  ])("$name", async ({ zone, expected, tlsLost }) => {
    const findings = srvLegacyName(await resolveZone(D, zone));
    expect(summary(findings)).toEqual(expected);
    if (expected.length > 0) expect(findings[0]?.detail.includes("never find TLS")).toBe(tlsLost);
  });
});
