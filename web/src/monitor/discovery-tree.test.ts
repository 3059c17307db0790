import { MemoryResolver, parseSipTarget, resolveSipTarget } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import type { DnsRecord } from "../../../core/src/dns/types";
import { a, cname, naptr, srv } from "../../../core/src/sip/test-records";
import { discoveryTree, type TreeNode } from "./discovery-tree";

// Real resolutions from core's RFC 3263 walk over an in-memory zone, not hand-made trees.
async function treeOf(input: string, records: DnsRecord[]) {
  const parsed = parseSipTarget(input);
  if (!parsed.ok) throw new Error(parsed.error);
  return discoveryTree(await resolveSipTarget(parsed.target, new MemoryResolver(records)));
}
const lines = (nodes: TreeNode[], depth = 0): string[] =>
  nodes.flatMap((n) => [
    `${"  ".repeat(depth)}${n.kind} ${n.text}${n.ttl !== null ? ` ttl=${n.ttl}` : ""}${n.problems.map((p) => ` ${p.tone === "note" ? "·" : "⚠"} ${p.text}`).join("")}`,
    ...lines(n.children, depth + 1),
  ]);

const D = "example.com";

describe("discoveryTree", () => {
  it("draws NAPTR → SRV → addresses in the order clients use them, with TTLs", async () => {
    const tree = await treeOf(D, [
      naptr(D, 20, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 10, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      srv(`_sips._tcp.${D}`, 10, 60, 5061, `sip1.${D}`, 600),
      srv(`_sips._tcp.${D}`, 10, 40, 5061, `sip2.${D}`, 600),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip1.${D}`),
      a(`sip1.${D}`, "192.0.2.1", 120),
    ]);
    expect(lines(tree)).toEqual([
      "NAPTR #1 order 10, preference 10: SIPS+D2T → _sips._tcp.example.com ttl=300",
      "  SRV _sips._tcp.example.com (TLS) ttl=600",
      "    target #1 priority 10, weight 60 (60% of first tries) → sip1.example.com:5061",
      "      A/AAAA sip1.example.com:5061 → 192.0.2.1 ttl=120",
      "    target #2 priority 10, weight 40 (40% of first tries) → sip2.example.com:5061",
      "      A/AAAA sip2.example.com:5061 → no address ⚠ no A or AAAA record (NXDOMAIN): clients cannot reach this target",
      "NAPTR #2 order 20, preference 10: SIP+D2U → _sip._udp.example.com ttl=300",
      "  SRV _sip._udp.example.com (UDP) ttl=300",
      "    target #1 priority 10, weight 10 (100% of first tries) → sip1.example.com:5060",
      "      A/AAAA sip1.example.com:5060 → 192.0.2.1 ttl=120",
      "note No SRV records at _sip._tcp.example.com, _sip._tls.example.com",
      "A/AAAA example.com → no address ⚠ no A or AAAA record: phones that only look up the domain cannot reach it",
    ]);
  });

  it("shows the SRV fallback when there is no NAPTR, and flags a CNAME target", async () => {
    const tree = await treeOf(D, [
      srv(`_sip._tcp.${D}`, 10, 10, 5060, `alias.${D}`),
      cname(`alias.${D}`, `sip1.${D}`),
      a(`sip1.${D}`, "192.0.2.1"),
    ]);
    const text = lines(tree).join("\n");
    expect(text).toContain("NAPTR example.com · no NAPTR records, so clients try the SRV names");
    expect(text).toContain("SRV _sip._tcp.example.com (TCP)");
    expect(text).toMatch(/alias\.example\.com:5060 → 192\.0\.2\.1.*is an alias \(CNAME to sip1\.example\.com\)/);
  });

  it("explains that an explicit port skips NAPTR and SRV", async () => {
    const tree = await treeOf(`sip:${D}:5080`, [a(D, "192.0.2.9")]);
    expect(lines(tree)[0]).toMatch(/names a port: clients skip NAPTR and SRV/);
    expect(lines(tree)[1]).toContain("example.com:5080 → 192.0.2.9");
  });
});
