import { describe, expect, it } from "vitest";
import { naptrDangling } from "./naptr-dangling";
import { at, healthyZone, healthyZoneWith, naptr, resolveZone, summary } from "./test-zone";

describe("dns.naptr.dangling", () => {
  it.each([
    { name: "healthy zone", input: "example.com", zone: healthyZone(), expected: [] },
    {
      name: "the first NAPTR (TLS) leads nowhere",
      input: "example.com",
      zone: healthyZoneWith([], at("_sips._tcp.example.com")),
      expected: [{ id: "dns.naptr.dangling", severity: "critical", subject: "_sips._tcp.example.com" }],
    },
    {
      name: "a later NAPTR (TCP) leads nowhere",
      input: "example.com",
      zone: healthyZoneWith([], at("_sip._tcp.example.com")),
      expected: [{ id: "dns.naptr.dangling", severity: "warning", subject: "_sip._tcp.example.com" }],
    },
    {
      name: "a typo in the replacement",
      input: "example.com",
      zone: healthyZoneWith(
        [naptr("example.com", 30, 10, "SIP+D2U", "_sip._udp.exmaple.com")],
        (r) => r.type === "NAPTR" && r.services === "SIP+D2U",
      ),
      expected: [{ id: "dns.naptr.dangling", severity: "warning", subject: "_sip._udp.exmaple.com" }],
    },
    {
      name: "a plaintext NAPTR a sips: client skips anyway",
      input: "sips:example.com",
      zone: healthyZoneWith([], at("_sip._udp.example.com", "SRV")),
      expected: [],
    },
  ])("$name", async ({ input, zone, expected }) => {
    expect(summary(naptrDangling(await resolveZone(input, zone)))).toEqual(expected);
  });

  it("shows the NAPTR record and the empty SRV owner", async () => {
    const [finding] = naptrDangling(
      await resolveZone("example.com", healthyZoneWith([], at("_sips._tcp.example.com"))),
    );
    expect(finding?.title).toBe("NAPTR for TLS points to _sips._tcp.example.com, which has no SRV records");
    expect(finding?.evidence).toEqual({
      naptr: 'example.com NAPTR 10 10 "s" "SIPS+D2T" "" _sips._tcp.example.com',
      srv: { name: "_sips._tcp.example.com", status: "nxdomain" },
    });
  });
});
