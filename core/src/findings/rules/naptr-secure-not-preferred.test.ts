import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../dns/types";
import { facts } from "../test-evidence";
import { naptrSecureNotPreferred } from "./naptr-secure-not-preferred";
import { healthyZone, healthyZoneWith, naptr, resolveZone, summary } from "./test-zone";

const D = "example.com";
const withNaptr = (...records: DnsRecord[]) => healthyZoneWith(records, (r) => r.type === "NAPTR");
const warning = [{ id: "dns.naptr.secure-not-preferred", severity: "warning", subject: D }];

describe("dns.naptr.secure-not-preferred", () => {
  it.each([
    { name: "healthy zone (TLS first)", input: D, zone: healthyZone(), expected: [] },
    {
      name: "TCP at a lower order than TLS",
      input: D,
      zone: withNaptr(naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`), naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`)),
      expected: warning,
    },
    {
      name: "same order, UDP at a lower preference",
      input: D,
      zone: withNaptr(naptr(D, 10, 5, "SIP+D2U", `_sip._udp.${D}`), naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`)),
      expected: warning,
    },
    {
      name: "an exact tie",
      input: D,
      zone: withNaptr(naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`), naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`)),
      expected: warning,
    },
    {
      name: "no TLS offered at all",
      input: D,
      zone: withNaptr(naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`), naptr(D, 20, 10, "SIP+D2U", `_sip._udp.${D}`)),
      expected: [],
    },
    {
      name: "plain WebSocket first does not concern phones",
      input: D,
      zone: withNaptr(naptr(D, 5, 10, "SIP+D2W", `_sip._tcp.${D}`), naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`)),
      expected: [],
    },
    {
      name: "a sips: client ignores plaintext records",
      input: `sips:${D}`,
      zone: withNaptr(naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`), naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`)),
      expected: [],
    },
  ])("$name", async ({ input, zone, expected }) => {
    expect(summary(naptrSecureNotPreferred(await resolveZone(input, zone)))).toEqual(expected);
  });

  it("says which plaintext transports come first and shows the records", async () => {
    const zone = withNaptr(
      naptr(D, 10, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 10, 20, "SIP+D2T", `_sip._tcp.${D}`),
      naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`),
    );
    const [finding] = naptrSecureNotPreferred(await resolveZone(D, zone));
    expect(finding?.title).toBe("NAPTR at example.com prefers UDP and TCP over TLS");
    expect(facts(finding)?.plaintextFirst).toHaveLength(2);
    expect(facts(finding)?.tls).toBe('example.com NAPTR 20 10 "s" "SIPS+D2T" "" _sips._tcp.example.com');
  });
});
