import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import type { DnsRecord } from "../dns/types";
import { resolveSipTarget } from "../sip/resolve";
import { a, cname, naptr, srv } from "../sip/test-records";
import { parseSipTarget } from "../sip/uri";
import { discoveryTree, type HostBranch, type SrvBranch } from "./discovery-tree";

async function treeOf(input: string, records: DnsRecord[], options: { servfail?: string[] } = {}) {
  const parsed = parseSipTarget(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return discoveryTree(await resolveSipTarget(parsed.target, new MemoryResolver(records, options)));
}
const codes = (node: { problems: Array<{ code: string; tone: string }> } | null | undefined) =>
  node?.problems.map((p) => `${p.tone}:${p.code}`);

const D = "example.com";

describe("discoveryTree", () => {
  it("follows NAPTR records in client order down to addresses, and marks a target without address", async () => {
    const tree = await treeOf(D, [
      naptr(D, 20, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      srv(`_sips._tcp.${D}`, 10, 60, 5061, `sip1.${D}`, 600),
      srv(`_sips._tcp.${D}`, 10, 40, 5061, `sip2.${D}`, 600),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip1.${D}`),
      a(`sip1.${D}`, "192.0.2.1", 120),
    ]);
    expect(tree.naptr?.records.map((n) => n.record.services)).toEqual(["SIPS+D2T", "SIP+D2U"]);
    const tls = tree.naptr?.records[0]?.next as SrvBranch;
    expect(tls.ttl).toBe(600);
    expect(tls.targets.map((t) => [t.rank, t.host?.name, t.host?.addresses.map((x) => x.address)])).toEqual([
      [1, `sip1.${D}`, ["192.0.2.1"]],
      [2, `sip2.${D}`, []],
    ]);
    expect(codes(tls.targets[0]?.host)).toEqual([]);
    expect(tls.targets[1]?.host?.problems[0]?.text).toBe(
      "no A or AAAA record (NXDOMAIN): clients cannot reach this target",
    );
    // The SRV sets no NAPTR leads to, and the domain without address, are judged too.
    expect(tree.absentSrv).toEqual([`_sip._tcp.${D}`, `_sip._tls.${D}`]);
    expect(tree.srv).toEqual([]);
    expect(codes(tree.host)).toEqual(["warning:no-address"]);
  });

  it("calls an SRV target that is a CNAME an alias, and a CNAME at the domain nothing", async () => {
    const tree = await treeOf(D, [
      srv(`_sip._tcp.${D}`, 10, 10, 5060, `alias.${D}`),
      cname(`alias.${D}`, `sip1.${D}`),
      cname(D, `sip1.${D}`),
      a(`sip1.${D}`, "192.0.2.1"),
    ]);
    expect(codes(tree.naptr)).toEqual(["note:no-records"]);
    const target = tree.srv[0]?.targets[0]?.host as HostBranch;
    expect(target.alias).toBe(`sip1.${D}`);
    expect(codes(target)).toEqual(["warning:alias"]);
    expect(tree.host?.alias).toBe(`sip1.${D}`);
    expect(codes(tree.host)).toEqual([]);
  });

  it("says which lookup failed instead of calling a SERVFAIL a missing address", async () => {
    const tree = await treeOf(D, [srv(`_sip._tcp.${D}`, 10, 10, 5060, `sip1.${D}`), a(D, "192.0.2.9")], {
      servfail: [`sip1.${D}`],
    });
    const host = tree.srv[0]?.targets[0]?.host;
    expect(codes(host)).toEqual(["error:lookup-failed", "error:lookup-failed"]);
    expect(host?.problems[0]?.text).toBe("A: the resolver failed (SERVFAIL)");
  });

  it("shows an ignored NAPTR record and one a sips: client skips", async () => {
    const tree = await treeOf(`sips:${D}`, [
      naptr(D, 10, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`, "x"),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip1.${D}`),
      a(`sip1.${D}`, "192.0.2.1"),
    ]);
    expect(tree.naptr?.records.map((n) => [n.record.services, codes(n), n.next?.kind ?? null])).toEqual([
      ["SIP+D2U", ["note:naptr-skipped"], null],
      ["SIPS+D2T", ["error:naptr-ignored"], null],
    ]);
  });

  it("skips NAPTR and SRV for an explicit port and for an IP address", async () => {
    const port = await treeOf(`sip:${D}:5080`, [a(D, "192.0.2.9")]);
    expect(port.skipped).toMatch(/names a port/);
    expect(port.naptr).toBeNull();
    expect(port.host?.addresses).toEqual([{ type: "A", address: "192.0.2.9" }]);
    const numeric = await treeOf("sip:192.0.2.7", []);
    expect(numeric.skipped).toMatch(/IP address/);
    expect(numeric.host).toMatchObject({ addresses: [{ type: "A", address: "192.0.2.7" }], problems: [] });
  });
});
