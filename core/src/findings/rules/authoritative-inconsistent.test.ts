import { describe, expect, it } from "vitest";
import { auditSipTarget } from "../../audit/audit-sip-target";
import { MemoryResolver } from "../../dns/memory-resolver";
import type { DnsRecord } from "../../dns/types";
import { a, srv } from "../../sip/test-records";
import { parseSipTarget } from "../../sip/uri";
import { facts } from "../test-evidence";
import { withId } from "../types";

const D = "example.com";
const soa = (serial: number): DnsRecord => ({ type: "SOA", name: D, ttl: 300, mname: `ns1.${D}`, serial });
const ns = (host: string): DnsRecord => ({ type: "NS", name: D, ttl: 300, host });
const delegation = [ns(`ns1.${D}`), ns(`ns2.${D}`), a(`ns1.${D}`, "192.0.2.53"), a(`ns2.${D}`, "198.51.100.53")];
const zone = (serial: number, target: string) => [
  soa(serial),
  ...delegation,
  srv(`_sip._udp.${D}`, 10, 10, 5060, target),
  a(`sip1.${D}`, "192.0.2.1"),
  a(`sip2.${D}`, "192.0.2.2"),
  a(D, "192.0.2.9"),
];

async function audit(primary: DnsRecord[], secondary: DnsRecord[] | "lame") {
  const parsed = parseSipTarget(D);
  if (!parsed.ok) throw new Error(parsed.error);
  const servers: Record<string, MemoryResolver> = {
    "192.0.2.53": new MemoryResolver(primary, { authoritative: true }),
    "198.51.100.53":
      secondary === "lame"
        ? new MemoryResolver([], { timeout: [D, `_sip._udp.${D}`, `sip1.${D}`] })
        : new MemoryResolver(secondary, { authoritative: true }),
  };
  const report = await auditSipTarget(parsed.target, [new MemoryResolver(primary)], {
    authoritative: (server) => servers[server.address] as MemoryResolver,
  });
  const [finding] = withId(report.findings, "dns.authoritative.inconsistent");
  facts(finding);
  return { report, finding };
}

describe("dns.authoritative.inconsistent", () => {
  it("stays quiet when every server gives the same zone", async () => {
    const { report, finding } = await audit(zone(7, `sip1.${D}`), zone(7, `sip1.${D}`));
    expect(report.authoritative?.views.map((v) => v.serial)).toEqual([7, 7]);
    expect(finding).toBeUndefined();
  });

  it("names the serials and the answers that differ", async () => {
    const { finding } = await audit(zone(8, `sip2.${D}`), zone(7, `sip1.${D}`));
    expect(finding?.severity).toBe("warning");
    expect(finding?.detail).toMatch(/SOA serials differ \(8 on ns1\.example\.com \(192\.0\.2\.53\); 7 on ns2/);
    expect(finding?.evidence.differences).toEqual([
      {
        question: "_sip._udp.example.com SRV",
        variants: [
          {
            servers: ["ns1.example.com (192.0.2.53)"],
            answer: ["_sip._udp.example.com SRV 10 10 5060 sip2.example.com"],
          },
          {
            servers: ["ns2.example.com (198.51.100.53)"],
            answer: ["_sip._udp.example.com SRV 10 10 5060 sip1.example.com"],
          },
        ],
      },
    ]);
  });

  it("reports a server that does not answer for the zone", async () => {
    const { finding } = await audit(zone(7, `sip1.${D}`), "lame");
    expect(finding?.evidence.lame).toEqual(["ns2.example.com (198.51.100.53)"]);
    expect(finding?.fix).toMatch(/serve the zone/);
  });
});
