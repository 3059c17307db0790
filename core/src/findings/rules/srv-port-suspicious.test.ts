import { describe, expect, it } from "vitest";
import { facts } from "../test-evidence";
import { srvPortSuspicious } from "./srv-port-suspicious";
import { at, healthyZone, healthyZoneWith, resolveZone, srv, summary } from "./test-zone";

const D = "example.com";
const replaceOwner = (owner: string, port: number) =>
  healthyZoneWith([srv(owner, 10, 50, port, `sip1.${D}`), srv(owner, 10, 50, port, `sip2.${D}`)], at(owner));
const warningAt = (subject: string) => [{ id: "dns.srv.port-suspicious", severity: "warning", subject }];

describe("dns.srv.port-suspicious", () => {
  it.each([
    { name: "healthy zone", zone: healthyZone(), expected: [] },
    { name: "TLS on 5060", zone: replaceOwner(`_sips._tcp.${D}`, 5060), expected: warningAt(`_sips._tcp.${D}`) },
    { name: "TCP on 5061", zone: replaceOwner(`_sip._tcp.${D}`, 5061), expected: warningAt(`_sip._tcp.${D}`) },
    { name: "UDP on 5061", zone: replaceOwner(`_sip._udp.${D}`, 5061), expected: warningAt(`_sip._udp.${D}`) },
    { name: "TLS on 443 is unusual, not suspicious", zone: replaceOwner(`_sips._tcp.${D}`, 443), expected: [] },
    { name: "TCP on 5080", zone: replaceOwner(`_sip._tcp.${D}`, 5080), expected: [] },
  ])("$name", async ({ zone, expected }) => {
    expect(summary(srvPortSuspicious(await resolveZone(D, zone)))).toEqual(expected);
  });

  it("asks to confirm with the probe and lists the records", async () => {
    const [finding] = srvPortSuspicious(await resolveZone(D, replaceOwner(`_sips._tcp.${D}`, 5060)));
    expect(finding?.title).toBe("_sips._tcp.example.com advertises TLS on port 5060");
    expect(finding?.detail).toContain("confirm with the probe");
    expect(facts(finding)?.srv).toHaveLength(2);
  });
});
