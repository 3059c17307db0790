import { describe, expect, it } from "vitest";
import { srvSingleTarget } from "./srv-single-target";
import { at, healthyZone, healthyZoneWith, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";

describe("dns.srv.single-target", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [] },
    {
      name: "UDP on one server",
      zone: healthyZoneWith([srv(`_sip._udp.${D}`, 10, 10, 5060, `sip1.${D}`)], at(`_sip._udp.${D}`)),
      expected: [{ id: "dns.srv.single-target", severity: "info", subject: `_sip._udp.${D}` }],
    },
    {
      name: "two ports on the same server is still one server",
      zone: healthyZoneWith(
        [srv(`_sip._udp.${D}`, 10, 10, 5060, `sip1.${D}`), srv(`_sip._udp.${D}`, 20, 10, 5062, `sip1.${D}`)],
        at(`_sip._udp.${D}`),
      ),
      expected: [{ id: "dns.srv.single-target", severity: "info", subject: `_sip._udp.${D}` }],
    },
    {
      name: "the legacy name is left to its own finding",
      zone: healthyZoneWith([srv(`_sip._tls.${D}`, 10, 10, 5061, `sip1.${D}`)]),
      expected: [],
    },
    {
      name: "a '.' target is not a server",
      zone: healthyZoneWith([srv(`_sip._udp.${D}`, 0, 0, 0, ".")], at(`_sip._udp.${D}`)),
      expected: [],
    },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(srvSingleTarget(await resolveZone(D, zone)))).toEqual(expected);
  });
});
