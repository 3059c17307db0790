import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { naptrInvalid } from "./naptr-invalid";
import { healthyZone, healthyZoneWith, naptr, resolveZone, summary } from "./test-zone";

const regexpRecord = naptr("example.com", 40, 10, "SIP+D2U", ".", "u", "!^.*$!sip:info@example.com!");
const unknownService = naptr("example.com", 50, 10, "E2U+sip", "_sip._udp.example.com");
const badFlags = naptr("example.com", 60, 10, "SIP+D2T", "_sip._tcp.example.com", "x");

describe("dns.naptr.invalid", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), invalidRecords: 0 },
    { name: "a regexp instead of a replacement", zone: healthyZoneWith([regexpRecord]), invalidRecords: 1 },
    { name: "a service clients do not know", zone: healthyZoneWith([unknownService]), invalidRecords: 1 },
    { name: "flags other than S or A", zone: healthyZoneWith([badFlags]), invalidRecords: 1 },
    {
      name: "several bad records, one finding",
      zone: healthyZoneWith([regexpRecord, unknownService, badFlags]),
      invalidRecords: 3,
    },
  ])("$name", async ({ zone, invalidRecords }) => {
    const findings = naptrInvalid(await resolveZone("example.com", zone));
    const expected =
      invalidRecords === 0 ? [] : [{ id: "dns.naptr.invalid", severity: "warning", subject: "example.com" }];
    expect(summary(findings)).toEqual(expected);
    if (invalidRecords > 0) expect(facts(findings[0])?.records).toHaveLength(invalidRecords);
  });

  it("names the problem in the detail", async () => {
    const [finding] = naptrInvalid(await resolveZone("example.com", healthyZoneWith([regexpRecord])));
    expect(finding?.title).toBe("NAPTR record at example.com is ignored by SIP clients");
    expect(finding?.detail).toContain("regexp");
  });
});
