import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { discoveryNone } from "./discovery-none";
import { a, aaaa, healthyZone, resolveZone, srv, summary } from "./test-zone";

describe("dns.discovery.none", () => {
  it.each([
    { name: "healthy zone", input: "example.com", zone: healthyZone(), options: {}, expected: [] },
    {
      name: "only an address: everyone uses UDP 5060",
      input: "example.com",
      zone: [a("example.com", "192.0.2.10"), aaaa("example.com", "2001:db8::10")],
      options: {},
      expected: [{ id: "dns.discovery.none", severity: "warning", subject: "example.com" }],
    },
    {
      name: "nothing at all: nobody connects",
      input: "example.com",
      zone: [a("other.example.net", "192.0.2.99")],
      options: {},
      expected: [{ id: "dns.discovery.none", severity: "critical", subject: "example.com" }],
    },
    {
      name: "SRV without NAPTR is discovery",
      input: "example.com",
      zone: [srv("_sip._udp.example.com", 10, 10, 5060, "sip1.example.com"), a("sip1.example.com", "192.0.2.11")],
      options: {},
      expected: [],
    },
    {
      name: "a lookup that timed out proves nothing",
      input: "example.com",
      zone: [a("example.com", "192.0.2.10")],
      options: { timeout: ["example.com"] },
      expected: [],
    },
    {
      name: "an explicit port skips discovery on purpose",
      input: "sip:example.com:5060",
      zone: [a("example.com", "192.0.2.10")],
      options: {},
      expected: [],
    },
  ])("$name", async ({ input, zone, options, expected }) => {
    const findings = discoveryNone(await resolveZone(input, zone, options));
    expect(summary(findings)).toEqual(expected);
  });

  it("tells the operator what phones do and lists the questions asked", async () => {
    const [finding] = discoveryNone(await resolveZone("example.com", [a("example.com", "192.0.2.10")]));
    expect(finding?.title).toBe("example.com has no NAPTR or SRV records");
    expect(finding?.detail).toContain("UDP on port 5060");
    expect(facts(finding)?.questions).toContainEqual({ name: "example.com", type: "NAPTR", status: "nodata" });
    expect(facts(finding)?.addresses).toEqual(["192.0.2.10"]);
  });
});
