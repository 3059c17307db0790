import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { resolverServfail } from "./resolver-servfail";
import { healthyZone, resolveZone, summary } from "./test-zone";

const D = "example.com";
const finding = (severity: string, subject: string) => ({ id: "dns.resolver.servfail", severity, subject });

describe("dns.resolver.servfail", () => {
  it.each([
    { name: "healthy zone", servfail: [], expected: [] },
    {
      name: "SERVFAIL on an SRV owner",
      servfail: [`_sips._tcp.${D}`],
      expected: [finding("critical", `_sips._tcp.${D}`)],
    },
    { name: "SERVFAIL on a target host", servfail: [`sip1.${D}`], expected: [finding("critical", `sip1.${D}`)] },
    {
      name: "SERVFAIL only on the legacy name no RFC 3263 client asks for",
      servfail: [`_sip._tls.${D}`],
      expected: [finding("warning", `_sip._tls.${D}`)],
    },
  ])("$name", async ({ servfail, expected }) => {
    expect(summary(resolverServfail(await resolveZone(D, healthyZone(), { servfail })))).toEqual(expected);
  });

  it("groups a host's A and AAAA and mentions DNSSEC", async () => {
    const [result] = resolverServfail(
      await resolveZone(D, healthyZone(), { servfail: [`sip1.${D}`], label: "doh:1.1.1.1" }),
    );
    expect(result?.title).toBe("doh:1.1.1.1 answers SERVFAIL for sip1.example.com A/AAAA");
    expect(result?.detail).toContain("DNSSEC");
    expect(facts(result)?.resolver).toBe("doh:1.1.1.1");
  });
});
