import { describe, expect, it } from "vitest";
import { srvTargetDot } from "./srv-target-dot";
import { at, healthyZone, healthyZoneWith, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";
const udpRefused = srv(`_sip._udp.${D}`, 0, 0, 0, ".");
const isUdpNaptr = (r: { type: string; services?: string }) => r.type === "NAPTR" && r.services === "SIP+D2U";

describe("dns.srv.target-dot", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [] },
    {
      name: "UDP explicitly off, and NAPTR agrees",
      zone: healthyZoneWith([udpRefused], (r) => isUdpNaptr(r) || at(`_sip._udp.${D}`)(r)),
      expected: [{ id: "dns.srv.target-dot", severity: "info", subject: `_sip._udp.${D}` }],
    },
    {
      name: "UDP explicitly off, but NAPTR advertises it",
      zone: healthyZoneWith([udpRefused], at(`_sip._udp.${D}`)),
      expected: [{ id: "dns.srv.target-dot", severity: "warning", subject: `_sip._udp.${D}` }],
    },
    {
      name: "the legacy _sip._tls name saying no",
      zone: healthyZoneWith([srv(`_sip._tls.${D}`, 0, 0, 0, ".")]),
      expected: [{ id: "dns.srv.target-dot", severity: "info", subject: `_sip._tls.${D}` }],
    },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(srvTargetDot(await resolveZone(D, zone)))).toEqual(expected);
  });
});
