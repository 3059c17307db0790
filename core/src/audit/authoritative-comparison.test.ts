import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import type { DnsRecord } from "../dns/types";
import { a, srv } from "../sip/test-records";
import { parseSipTarget } from "../sip/uri";
import { auditSipTarget } from "./audit-sip-target";

const D = "example.com";
const soa = (serial: number): DnsRecord => ({ type: "SOA", name: D, ttl: 300, mname: `ns1.${D}`, serial });
const ns = (n: number): DnsRecord[] => [
  { type: "NS", name: D, ttl: 300, host: `ns${n}.${D}` },
  a(`ns${n}.${D}`, `192.0.2.${50 + n}`),
];
const zone = (serial: number, target: string) => [
  soa(serial),
  ...ns(1),
  ...ns(2),
  ...ns(3),
  srv(`_sip._udp.${D}`, 10, 10, 5060, target),
  a(`sip1.${D}`, "192.0.2.1"),
  a(`sip2.${D}`, "192.0.2.2"),
  a(D, "192.0.2.9"),
];

/** Three name servers, each given its own copy of the zone or its own failure. */
async function compare(servers: Record<string, MemoryResolver>) {
  const parsed = parseSipTarget(D);
  if (!parsed.ok) throw new Error(parsed.error);
  const report = await auditSipTarget(parsed.target, [new MemoryResolver(zone(7, `sip1.${D}`))], {
    authoritative: (server) => servers[server.address] as MemoryResolver,
  });
  const comparison = report.authoritative?.comparison;
  if (!comparison) throw new Error("no comparison in the report");
  return comparison;
}

// Every name the walk asks about: a server that times out on all of them never answers.
const everyName = [D, `sip1.${D}`, ...["_sips._tcp", "_sip._tcp", "_sip._udp", "_sip._tls"].map((p) => `${p}.${D}`)];
const good = (serial: number, target = `sip1.${D}`) =>
  new MemoryResolver(zone(serial, target), { authoritative: true });

describe("compareAuthoritativeServers", () => {
  it("finds every server agreeing when they serve the same zone", async () => {
    const c = await compare({ "192.0.2.51": good(7), "192.0.2.52": good(7), "192.0.2.53": good(7) });
    expect(c.consistent).toBe(true);
    expect(c.servers.map((s) => s.agreement)).toEqual(["agrees", "agrees", "agrees"]);
    expect(c.serials).toEqual([{ serial: "7", servers: expect.any(Array) }]);
  });

  it("names the questions a stale secondary answers differently from the first server", async () => {
    const c = await compare({
      "192.0.2.51": good(8, `sip2.${D}`),
      "192.0.2.52": good(7),
      "192.0.2.53": good(8, `sip2.${D}`),
    });
    expect(c.consistent).toBe(false);
    expect(c.reference?.name).toBe(`ns1.${D}`);
    expect(c.servers.map((s) => [s.server.name, s.serial, s.agreement, s.differingQuestions])).toEqual([
      [`ns1.${D}`, 8, "agrees", []],
      [`ns2.${D}`, 7, "differs", [`_sip._udp.${D} SRV`]],
      [`ns3.${D}`, 8, "agrees", []],
    ]);
    // Serials keep the servers' order (8 before 7), as the finding's detail reads them.
    expect(c.serials.map((g) => g.serial)).toEqual(["8", "7"]);
    expect(c.differences[0]?.variants.map((v) => v.servers.length)).toEqual([2, 1]);
  });

  it("tells a server that answers without authority from one that does not answer", async () => {
    const c = await compare({
      "192.0.2.51": good(7),
      "192.0.2.52": new MemoryResolver(zone(7, `sip1.${D}`), { authoritative: false }),
      "192.0.2.53": new MemoryResolver([], { timeout: everyName }),
    });
    expect(c.servers.map((s) => s.agreement)).toEqual(["agrees", "lame", "silent"]);
    expect(c.lame).toEqual([`ns2.${D} (192.0.2.52)`, `ns3.${D} (192.0.2.53)`]);
    expect(c.consistent).toBe(false);
  });

  it("compares nothing when the zone's servers could not be found", async () => {
    const parsed = parseSipTarget(D);
    if (!parsed.ok) throw new Error(parsed.error);
    const report = await auditSipTarget(parsed.target, [new MemoryResolver([a(D, "192.0.2.9")])], {
      authoritative: () => new MemoryResolver([]),
    });
    expect(report.authoritative?.error).toMatch(/SOA/);
    expect(report.authoritative?.comparison).toMatchObject({ servers: [], consistent: true });
  });
});
