import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import type { DnsRecord } from "../dns/types";
import { resolveSipTarget } from "./resolve";
import { a, aaaa, cname, naptr, srv } from "./test-records";
import { parseSipTarget } from "./uri";

const D = "example.com";

async function resolve(input: string, records: DnsRecord[], options = {}) {
  const parsed = parseSipTarget(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return resolveSipTarget(parsed.target, new MemoryResolver(records, options));
}
const summary = (r: Awaited<ReturnType<typeof resolve>>) =>
  r.candidates.map((c) => `${c.transport} ${c.host} ${c.address}:${c.port}`);

const hosts = [a(`sip1.${D}`, "192.0.2.1"), aaaa(`sip1.${D}`, "2001:db8::1"), a(`sip2.${D}`, "192.0.2.2")];

describe("resolveSipTarget: RFC 3263 4.1 transport selection", () => {
  it("follows NAPTR by order then preference", async () => {
    const r = await resolve(D, [
      naptr(D, 20, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 10, 20, "SIP+D2T", `_sip._tcp.${D}`),
      naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      srv(`_sips._tcp.${D}`, 10, 10, 5061, `sip1.${D}`),
      srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip2.${D}`),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip2.${D}`),
      ...hosts,
    ]);
    expect(r.branch).toBe("naptr");
    expect(summary(r)).toEqual([
      "tls sip1.example.com 192.0.2.1:5061",
      "tls sip1.example.com 2001:db8::1:5061",
      "tcp sip2.example.com 192.0.2.2:5060",
      "udp sip2.example.com 192.0.2.2:5060",
    ]);
  });

  it("breaks equal order and preference deterministically, keeping both", async () => {
    const r = await resolve(D, [
      naptr(D, 10, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`),
      srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip2.${D}`),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip2.${D}`),
      ...hosts,
    ]);
    expect(r.naptrRecords.map((n) => n.record.services)).toEqual(["SIP+D2T", "SIP+D2U"]);
  });

  it("skips a NAPTR pointing nowhere and uses the next one", async () => {
    const r = await resolve(D, [
      naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      naptr(D, 20, 10, "SIP+D2T", `_sip._tcp.${D}`),
      srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip2.${D}`),
      ...hosts,
    ]);
    expect(r.branch).toBe("naptr");
    expect(r.srv[`_sips._tcp.${D}`]?.lookup.status).toBe("nxdomain");
    expect(summary(r)).toEqual(["tcp sip2.example.com 192.0.2.2:5060"]);
  });

  it("follows non-standard NAPTR replacements and A-flag records", async () => {
    const r = await resolve(D, [
      naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.pool.${D}`),
      naptr(D, 20, 10, "SIP+D2U", `sip2.${D}`, "a"),
      srv(`_sips._tcp.pool.${D}`, 10, 10, 5061, `sip1.${D}`),
      ...hosts,
    ]);
    expect(summary(r)).toEqual([
      "tls sip1.example.com 192.0.2.1:5061",
      "tls sip1.example.com 2001:db8::1:5061",
      "udp sip2.example.com 192.0.2.2:5060",
    ]);
    expect(r.srv[`_sips._tcp.pool.${D}`]?.origin).toBe("naptr");
  });

  it("ignores invalid NAPTR records and falls back to SRV, TLS then TCP then UDP", async () => {
    const r = await resolve(D, [
      naptr(D, 10, 10, "E2U+sip", ".", "u", "!^.*$!sip:info@example.com!"),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip2.${D}`),
      srv(`_sips._tcp.${D}`, 10, 10, 5061, `sip1.${D}`),
      ...hosts,
    ]);
    expect(r.branch).toBe("srv");
    expect(r.naptrRecords[0]?.problems.length).toBeGreaterThan(0);
    expect(summary(r)).toEqual([
      "tls sip1.example.com 192.0.2.1:5061",
      "tls sip1.example.com 2001:db8::1:5061",
      "udp sip2.example.com 192.0.2.2:5060",
    ]);
  });

  it("falls back to A/AAAA and UDP 5060 with no NAPTR or SRV", async () => {
    const r = await resolve(D, [a(D, "192.0.2.9"), aaaa(D, "2001:db8::9")]);
    expect(r.branch).toBe("address");
    expect(summary(r)).toEqual(["udp example.com 192.0.2.9:5060", "udp example.com 2001:db8::9:5060"]);
  });

  it("uses TLS 5061 on the domain for a sips: URI without records", async () => {
    const r = await resolve(`sips:${D}`, [a(D, "192.0.2.9")]);
    expect(summary(r)).toEqual(["tls example.com 192.0.2.9:5061"]);
  });

  it("only follows SIPS services for a sips: URI", async () => {
    const r = await resolve(`sips:${D}`, [
      naptr(D, 10, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip2.${D}`),
      srv(`_sips._tcp.${D}`, 10, 10, 5061, `sip1.${D}`),
      ...hosts,
    ]);
    expect(r.naptrRecords[0]?.skipped).toMatch(/sips/);
    expect(summary(r).every((c) => c.startsWith("tls "))).toBe(true);
  });
});

describe("resolveSipTarget: RFC 3263 4.2 ports and addresses", () => {
  it("uses a numeric host as is, without DNS", async () => {
    const r = await resolve("sip:192.0.2.7;transport=tcp", []);
    expect(r.branch).toBe("numeric");
    expect(r.queries).toEqual([]);
    expect(summary(r)).toEqual(["tcp 192.0.2.7 192.0.2.7:5060"]);
  });

  it("skips NAPTR and SRV when the URI has a port", async () => {
    const r = await resolve(`sip:${D}:5080`, [naptr(D, 10, 10, "SIP+D2T", `_sip._tcp.${D}`), a(D, "192.0.2.9")]);
    expect(r.branch).toBe("explicit-port");
    expect(r.naptr).toBeUndefined();
    expect(summary(r)).toEqual(["udp example.com 192.0.2.9:5080"]);
  });

  it("asks SRV for an explicit transport, else the domain's address", async () => {
    const withSrv = await resolve(`sip:${D};transport=tcp`, [srv(`_sip._tcp.${D}`, 1, 1, 5070, `sip2.${D}`), ...hosts]);
    expect(summary(withSrv)).toEqual(["tcp sip2.example.com 192.0.2.2:5070"]);
    const without = await resolve(`sip:${D};transport=tcp`, [a(D, "192.0.2.9")]);
    expect(summary(without)).toEqual(["tcp example.com 192.0.2.9:5060"]);
  });

  it("orders SRV targets by priority, then weight, leaving out '.', unresolvable and weight-0 last", async () => {
    const owner = `_sip._udp.${D}`;
    const r = await resolve(D, [
      srv(owner, 10, 0, 5060, `zero.${D}`),
      srv(owner, 10, 50, 5060, `sip2.${D}`),
      srv(owner, 20, 10, 5060, `ghost.${D}`),
      srv(owner, 5, 10, 5060, `sip1.${D}`),
      a(`zero.${D}`, "192.0.2.50"),
      ...hosts,
    ]);
    expect(r.srv[owner]?.targets.map((t) => t.host)).toEqual([`sip1.${D}`, `sip2.${D}`, `zero.${D}`, `ghost.${D}`]);
    expect(r.hosts[`ghost.${D}`]?.a.status).toBe("nxdomain");
    expect(summary(r)).toEqual([
      "udp sip1.example.com 192.0.2.1:5060",
      "udp sip1.example.com 2001:db8::1:5060",
      "udp sip2.example.com 192.0.2.2:5060",
      "udp zero.example.com 192.0.2.50:5060",
    ]);
  });

  it("records CNAMEs met on the way to an SRV target", async () => {
    const r = await resolve(D, [
      srv(`_sip._udp.${D}`, 10, 10, 5060, `alias.${D}`),
      cname(`alias.${D}`, `sip1.${D}`),
      ...hosts,
    ]);
    expect(r.hosts[`alias.${D}`]?.a.cnames.map((c) => c.target)).toEqual([`sip1.${D}`]);
    expect(summary(r)).toContain("udp alias.example.com 192.0.2.1:5060");
  });

  it("keeps a '.' target in the tree and gives it no candidates", async () => {
    const r = await resolve(D, [
      srv(`_sip._udp.${D}`, 0, 0, 0, "."),
      srv(`_sip._tcp.${D}`, 1, 1, 5060, `sip2.${D}`),
      ...hosts,
    ]);
    expect(r.srv[`_sip._udp.${D}`]?.targets[0]?.host).toBeNull();
    expect(summary(r)).toEqual(["tcp sip2.example.com 192.0.2.2:5060"]);
  });

  it("reports resolver failures in the tree instead of throwing", async () => {
    const r = await resolve(D, [a(D, "192.0.2.9")], { servfail: [`_sips._tcp.${D}`], timeout: [D] });
    expect(r.srv[`_sips._tcp.${D}`]?.lookup.status).toBe("servfail");
    expect(r.naptr?.status).toBe("error");
    expect(r.hosts[D]?.a.error).toMatch(/timeout/);
  });
});

describe("resolveSipTarget: concurrency", () => {
  it("asks independent questions together, so depth drives wall time", async () => {
    const records = [
      naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.pool.${D}`),
      srv(`_sips._tcp.pool.${D}`, 10, 10, 5061, `sip1.${D}`),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip2.${D}`),
      ...hosts,
    ];
    const r = await resolve(D, records, { latencyMs: 1 });
    const depth = Math.max(...r.queries.map((q) => q.depth));
    expect(depth).toBe(3);
    // Every question at a depth starts before any answer of that depth's parents could chain further.
    const firstRound = r.queries.filter((q) => q.depth === 1).map((q) => `${q.question.type} ${q.question.name}`);
    expect(firstRound).toEqual(
      expect.arrayContaining([
        `NAPTR ${D}`,
        `SRV _sips._tcp.${D}`,
        `SRV _sip._tcp.${D}`,
        `SRV _sip._udp.${D}`,
        `SRV _sip._tls.${D}`,
        `A ${D}`,
        `AAAA ${D}`,
      ]),
    );
    const keys = r.queries.map((q) => `${q.question.type} ${q.question.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
