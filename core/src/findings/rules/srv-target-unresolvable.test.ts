import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { srvTargetUnresolvable } from "./srv-target-unresolvable";
import { a, at, healthyZone, healthyZoneWith, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";
const finding = (severity: string, subject: string) => ({ id: "dns.srv.target-unresolvable", severity, subject });

describe("dns.srv.target-unresolvable", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), options: {}, expected: [] },
    {
      name: "one of two targets has no address",
      zone: healthyZoneWith([], at(`sip2.${D}`)),
      options: {},
      expected: [finding("warning", `sip2.${D}`)],
    },
    {
      name: "no target has an address",
      zone: healthyZoneWith([], (r) => at(`sip1.${D}`)(r) || at(`sip2.${D}`)(r)),
      options: {},
      expected: [finding("critical", `sip1.${D}`), finding("critical", `sip2.${D}`)],
    },
    {
      name: "the only UDP target has no address, other transports work",
      zone: healthyZoneWith([srv(`_sip._udp.${D}`, 10, 10, 5060, `udp.${D}`)], at(`_sip._udp.${D}`)),
      options: {},
      expected: [finding("critical", `udp.${D}`)],
    },
    {
      name: "a target whose lookups timed out is the resolver rules' business",
      zone: healthyZone(),
      options: { timeout: [`sip2.${D}`] },
      expected: [],
    },
    {
      name: "a dead target beside one that timed out leaves clients nothing: critical",
      zone: healthyZoneWith([a(`sip3.${D}`, "192.0.2.13")], at(`sip2.${D}`)),
      options: { timeout: [`sip1.${D}`] },
      expected: [finding("critical", `sip2.${D}`)],
    },
  ])("$name", async ({ zone, options, expected }) => {
    const findings = srvTargetUnresolvable(await resolveZone(D, zone, options));
    expect(summary(findings).sort((x, y) => x.subject.localeCompare(y.subject))).toEqual(expected);
  });

  it("names the host and the SRV records that point at it", async () => {
    const [result] = srvTargetUnresolvable(await resolveZone(D, healthyZoneWith([], at(`sip2.${D}`))));
    expect(result?.title).toBe("SRV target sip2.example.com has no A or AAAA record");
    expect(facts(result)?.srv).toContain("_sips._tcp.example.com SRV 10 50 5061 sip2.example.com");
    expect(facts(result)?.a).toBe("nxdomain");
  });
});
