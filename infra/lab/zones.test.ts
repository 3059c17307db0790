import { BlockList } from "node:net";
import { describe, expect, it } from "vitest";
import { findZone, labZones } from "./zones";

// RFC 5737 and RFC 3849: addresses that can never reach a real SIP server by accident.
const documentation = new BlockList();
documentation.addSubnet("192.0.2.0", 24, "ipv4");
documentation.addSubnet("198.51.100.0", 24, "ipv4");
documentation.addSubnet("203.0.113.0", 24, "ipv4");
documentation.addSubnet("2001:db8::", 32, "ipv6");

describe("labZones", () => {
  it("have unique origins under sipwatch.test, each with SOA, NS and the name server's address", () => {
    expect(new Set(labZones.map((z) => z.origin)).size).toBe(labZones.length);
    for (const zone of labZones) {
      expect(zone.origin).toMatch(/^[a-z0-9-]+\.sipwatch\.test$/);
      const at = (name: string, type: string) => zone.records.filter((r) => r.name === name && r.type === type);
      expect(at(zone.origin, "SOA")).toHaveLength(1);
      expect(at(zone.origin, "NS").map((r) => r.data)).toEqual([`ns1.${zone.origin}`]);
      expect(at(`ns1.${zone.origin}`, "A")).toHaveLength(1);
    }
  });

  it("use lower-case names inside their zone, without trailing dots", () => {
    for (const zone of labZones) {
      for (const record of zone.records) {
        expect(record.name === zone.origin || record.name.endsWith(`.${zone.origin}`), record.name).toBe(true);
        expect(record.name).toBe(record.name.toLowerCase().replace(/\.$/, ""));
      }
    }
  });

  it("use documentation addresses only, except the deliberate private leak", () => {
    const outside = labZones.flatMap((zone) =>
      zone.records.flatMap((r) =>
        (r.type === "A" || r.type === "AAAA") && !documentation.check(r.data, r.type === "A" ? "ipv4" : "ipv6")
          ? [`${r.name} ${r.data}`]
          : [],
      ),
    );
    expect(outside).toEqual(["sip2.private-leak.sipwatch.test 10.20.30.40"]);
  });

  it("expect nothing from the healthy zone, and a finding from every other", () => {
    for (const zone of labZones) {
      const clean = zone.origin === "healthy.sipwatch.test";
      expect(zone.expect.length === 0, zone.origin).toBe(clean);
    }
  });

  it("are found by full or short name", () => {
    expect(findZone("healthy")?.origin).toBe("healthy.sipwatch.test");
    expect(findZone("Cname-Target.sipwatch.test.")?.origin).toBe("cname-target.sipwatch.test");
    expect(findZone("example.com")).toBeUndefined();
  });
});
