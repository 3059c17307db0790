import { describe, expect, it } from "vitest";
import { MemoryResolver } from "../dns/memory-resolver";
import { facts } from "../findings/test-evidence";
import type { ProbeTarget, TcpDialer, TlsProber } from "../probe/types";
import { a, naptr, srv } from "../sip/test-records";
import { parseSipTarget } from "../sip/uri";
import { auditSipTarget } from "./audit-sip-target";
import { edgeTargetPolicy } from "./edge-target-policy";
import type { Probers } from "./run-probes";

const at = (address: string): ProbeTarget => ({
  transport: "tcp",
  host: "sip.example.com",
  address,
  port: 5060,
  sipDomain: "example.com",
});

describe("edgeTargetPolicy", () => {
  it.each([
    { address: "8.8.8.8", production: null, lab: null },
    { address: "2606:4700:4700::1111", production: null, lab: null },
    { address: "10.1.2.3", production: "private", lab: "private" },
    { address: "172.16.0.1", production: "private", lab: "private" },
    { address: "192.168.1.10", production: "private", lab: "private" },
    { address: "100.64.0.1", production: "cgnat", lab: "cgnat" },
    { address: "127.0.0.1", production: "loopback", lab: null },
    { address: "::1", production: "loopback", lab: null },
    { address: "169.254.169.254", production: "link-local", lab: "link-local" },
    { address: "fe80::1", production: "link-local", lab: "link-local" },
    { address: "fd00::5", production: "unique-local", lab: "unique-local" },
    { address: "0.0.0.0", production: "unspecified", lab: "unspecified" },
    { address: "224.0.0.1", production: "multicast", lab: "multicast" },
    { address: "240.0.0.1", production: "reserved", lab: "reserved" },
    { address: "192.0.2.10", production: "documentation", lab: "documentation" },
    { address: "2001:db8::1", production: "documentation", lab: "documentation" },
    { address: "::ffff:10.0.0.1", production: "private", lab: "private" },
    { address: "::ffff:127.0.0.1", production: "loopback", lab: null },
    // IPv6 forms that carry an IPv4 address are judged by it (NAT64, 6to4, Teredo, compatible, translated).
    { address: "64:ff9b::10.0.0.1", production: "private", lab: "private" },
    { address: "64:ff9b::a9fe:a9fe", production: "link-local", lab: "link-local" },
    { address: "64:ff9b::7f00:1", production: "loopback", lab: null },
    { address: "64:ff9b::808:808", production: null, lab: null },
    { address: "64:ff9b:1::a00:1", production: "private", lab: "private" },
    { address: "2002:c0a8:0101::1", production: "private", lab: "private" },
    { address: "2002:a9fe:a9fe::", production: "link-local", lab: "link-local" },
    { address: "2002:7f00:1::1", production: "loopback", lab: null },
    { address: "2002:808:808::1", production: null, lab: null },
    { address: "2001:0:808:808::f5ff:fffe", production: "private", lab: "private" },
    { address: "::10.0.0.1", production: "private", lab: "private" },
    { address: "::169.254.169.254", production: "link-local", lab: "link-local" },
    { address: "::127.0.0.1", production: "loopback", lab: null },
    { address: "::ffff:0:192.168.0.1", production: "private", lab: "private" },
    { address: "::", production: "unspecified", lab: "unspecified" },
  ])("$address: refused as $production in production, $lab in the lab", ({ address, production, lab }) => {
    expect(edgeTargetPolicy({ allowLoopback: false })(at(address))?.scope ?? null).toBe(production);
    expect(edgeTargetPolicy({ allowLoopback: true })(at(address))?.scope ?? null).toBe(lab);
  });
});

/** Probers that record every target they were asked to connect to and find them all answering. */
function recordingProbers(dialled: string[]): Probers {
  const tcp: TcpDialer = {
    dial: async (target) => {
      dialled.push(target.address);
      return { target, outcome: "connected", connectMs: 5 };
    },
  };
  const tls: TlsProber = {
    probe: async (target) => {
      dialled.push(target.address);
      return { target, outcome: "refused", chain: [] };
    },
  };
  return { tcp, tls, sip: { transports: [], options: async (target) => ({ target, outcome: "error" }) } };
}

describe("an audit behind the edge policy", () => {
  const zone = [
    naptr("example.com", 10, 10, "SIP+D2T", "_sip._tcp.example.com"),
    srv("_sip._tcp.example.com", 10, 50, 5060, "inside.example.com"),
    srv("_sip._tcp.example.com", 20, 50, 5060, "outside.example.com"),
    a("inside.example.com", "10.0.0.7"),
    a("outside.example.com", "8.8.4.4"),
    a("example.com", "192.168.1.1"),
  ];

  it("never connects to the private server, reports it skipped, and does not count it as down", async () => {
    const parsed = parseSipTarget("example.com");
    if (!parsed.ok) throw new Error(parsed.error);
    const dialled: string[] = [];
    const report = await auditSipTarget(parsed.target, [new MemoryResolver(zone)], {
      probe: { probers: recordingProbers(dialled), timeoutMs: 100, gate: edgeTargetPolicy({ allowLoopback: false }) },
    });
    expect(dialled.every((address) => address === "8.8.4.4")).toBe(true);
    const skipped = report.probes?.filter((p) => p.skipped).map((p) => `${p.target.address} ${p.skipped?.scope}`);
    expect(skipped).toEqual(expect.arrayContaining(["10.0.0.7 private"]));
    for (const finding of report.findings) facts(finding);
    const ids = report.findings.map((f) => `${f.id} ${f.subject}`);
    expect(ids).toContain("edge.target.private tcp inside.example.com:5060");
    expect(ids.some((id) => id.startsWith("transport.tcp.unreachable"))).toBe(false);
    // Unprobed is "unknown", not "failed": the strict client is not simulated falling back to outside.
    const rfc3263 = report.profiles.find((p) => p.profile === "rfc3263");
    expect(rfc3263?.outcome.candidate?.host).toBe("inside.example.com");
    expect(rfc3263?.outcome.assumed).toBe(true);
  });
});
