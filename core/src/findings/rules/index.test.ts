import { describe, expect, it } from "vitest";
import { discoveryRules, runDiscoveryRules } from "./index";
import { a, at, healthyZone, healthyZoneWith, resolveZone, summary } from "./test-zone";

const D = "example.com";

describe("runDiscoveryRules", () => {
  it.each(["example.com", "sips:example.com", "sip:example.com;transport=tcp", "sip:example.com:5060"])(
    "a healthy zone reached as %s has nothing to report",
    async (input) => {
      expect(runDiscoveryRules(await resolveZone(input, healthyZone()))).toEqual([]);
    },
  );

  it("runs every rule", () => {
    expect(discoveryRules).toHaveLength(16);
  });

  it("returns findings most severe first, one per id and subject", async () => {
    const zone = healthyZoneWith([a(`sip2.${D}`, "10.0.0.12")], (r) => at(`sip2.${D}`)(r) || r.type === "AAAA");
    const findings = runDiscoveryRules(await resolveZone(D, zone));
    expect(summary(findings)).toEqual([
      { id: "dns.address.private-in-public", severity: "critical", subject: `sip2.${D}` },
      { id: "dns.address.no-ipv6", severity: "info", subject: D },
    ]);
  });

  it("every finding carries the fields an operator reads", async () => {
    const broken = healthyZoneWith([], (r) => at(`_sips._tcp.${D}`)(r) || at(`sip2.${D}`)(r) || r.name === D);
    const findings = runDiscoveryRules(await resolveZone(D, broken));
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) {
      expect(finding.title).not.toBe("");
      expect(finding.detail).not.toBe("");
      expect(finding.fix).not.toBe("");
      expect(finding.subject).not.toBe("");
      expect(() => JSON.stringify(finding.evidence)).not.toThrow();
    }
  });
});
