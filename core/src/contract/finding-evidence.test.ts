import { describe, expect, it } from "vitest";
import { auditSipTarget } from "../audit/audit-sip-target";
import { FINDING_IDS } from "../catalogue/finding-registry";
import { MemoryResolver } from "../dns/memory-resolver";
import { a, cname, naptr, srv } from "../sip/test-records";
import { parseSipTarget } from "../sip/uri";
import { AuditFindingSchema, checkAgentFindings } from "./audit-shapes";
import { FINDING_EVIDENCE } from "./finding-evidence";

const D = "example.com";
const cnameFinding = {
  id: "dns.srv.target-cname",
  severity: "warning" as const,
  title: "SRV target sip2.example.com is a CNAME",
  detail: "RFC 2782 forbids aliases as SRV targets.",
  fix: "Point the SRV records at the canonical host name.",
  subject: `sip2.${D}`,
  evidence: { cnames: [`sip2.${D} CNAME edge.provider.net`], srvOwners: [`_sip._tcp.${D}`] },
};

describe("finding evidence schemas", () => {
  it("has exactly one schema per registry id", () => {
    expect(Object.keys(FINDING_EVIDENCE).sort()).toEqual([...FINDING_IDS].sort());
  });

  it("accepts what a real audit of a broken zone emits", async () => {
    const parsed = parseSipTarget(D);
    if (!parsed.ok) throw new Error(parsed.error);
    const zone = [
      naptr(D, 10, 10, "SIP+D2U", `_sip._udp.${D}`),
      naptr(D, 20, 10, "SIPS+D2T", `_sips._tcp.${D}`),
      naptr(D, 30, 10, "SIP+D2T", `_sip._tcp.${D}`),
      srv(`_sip._udp.${D}`, 10, 10, 5060, `sip1.${D}`),
      srv(`_sips._tcp.${D}`, 10, 10, 5060, `alias.${D}`),
      srv(`_sip._tls.${D}`, 10, 10, 5061, `sip1.${D}`),
      cname(`alias.${D}`, `sip1.${D}`),
      a(`sip1.${D}`, "10.0.0.5"),
    ];
    const report = await auditSipTarget(parsed.target, [new MemoryResolver(zone)]);
    expect(report.findings.length).toBeGreaterThan(5);
    for (const finding of report.findings)
      expect(AuditFindingSchema.safeParse(finding).error, finding.id).toBeUndefined();
  });

  it("refuses evidence of another id's shape, naming the field", () => {
    const wrong = AuditFindingSchema.safeParse({ ...cnameFinding, evidence: { cnames: 5, srvOwners: [] } });
    expect(wrong.error?.issues[0]?.path).toEqual(["evidence", "cnames"]);
  });

  it("drops an agent's odd findings with a note and keeps the rest", () => {
    const deep: Record<string, unknown> = {};
    let node = deep;
    for (let i = 0; i < 20; i++) node = node.next = {};
    const { findings, notes } = checkAgentFindings([
      cnameFinding,
      { ...cnameFinding, evidence: { srvOwners: [] } },
      { ...cnameFinding, id: "dns.made-up" },
      {
        ...cnameFinding,
        id: "transport.tcp.unreachable",
        evidence: {
          transport: "tcp",
          host: "h",
          port: 5060,
          failed: [{ address: "192.0.2.1", ...deep }],
          probedAddresses: [],
        },
      },
    ]);
    expect(findings.map((f) => f.id)).toEqual(["dns.srv.target-cname"]);
    expect(notes).toHaveLength(3);
    expect(notes[0]).toMatch(/^findings\[1\] \(dns\.srv\.target-cname\) dropped: evidence\.cnames: /);
    expect(notes[1]).toMatch(/^findings\[2\] \(dns\.made-up\) dropped: id: /);
    expect(notes[2]).toMatch(/nested deeper than 8 levels/);
  });
});
