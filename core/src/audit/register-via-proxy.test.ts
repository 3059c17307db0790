import { describe, expect, it } from "vitest";
import type { Probers } from "../audit/run-probes";
import { MemoryResolver } from "../dns/memory-resolver";
import { healthyZoneWith } from "../findings/rules/test-zone";
import { summariseRun } from "../history/summarise-run";
import type { ProbeTarget } from "../probe/types";
import { FakeFlow, PASSWORD, reply } from "../register/fake-registrar";
import type { SipFlowOpener } from "../register/types";
import { parseSipTarget } from "../sip/uri";
import { auditSipTarget } from "./audit-sip-target";
import { edgeTargetPolicy } from "./edge-target-policy";

const NOW = new Date("2025-06-01T00:00:00Z");
const PROXY_ADDRESS = "198.51.100.7";

/** Every registrar target answers its probes; the registrar itself is only ever reached through the proxy here. */
const probers: Probers = {
  tcp: { dial: async (target) => ({ target, outcome: "connected", connectMs: 5 }) },
  tls: { probe: async (target) => ({ target, outcome: "connected", connectMs: 5, chain: [] }) },
  sip: { transports: [], options: async (target) => ({ target, outcome: "timeout" }) },
};

/** An opener that records where it was asked to go: the proxy accepts (200) or refuses the connection. */
function proxyOpener(proxyUp: boolean) {
  const opened: ProbeTarget[] = [];
  const flows: FakeFlow[] = [];
  const opener: SipFlowOpener = {
    transports: ["tcp", "tls"],
    async open(target) {
      opened.push(target);
      if (!proxyUp) return { ok: false, outcome: "refused", error: "connection refused" };
      const flow = new FakeFlow(target.transport, (request, f) => {
        const contact = request.header("contact") ?? "";
        f.deliver(reply(request, "200 OK", [`Contact: ${contact};expires=${request.header("expires")}`]));
      });
      flows.push(flow);
      return { ok: true, flow };
    },
  };
  return { opener, opened, flows };
}

async function audit(opener: SipFlowOpener, proxyHost = "proxy.example.net", gate = false) {
  const parsed = parseSipTarget("example.com");
  if (!parsed.ok) throw new Error(parsed.error);
  const zone = healthyZoneWith([{ type: "A", name: "proxy.example.net", ttl: 60, address: PROXY_ADDRESS }]);
  return auditSipTarget(parsed.target, [new MemoryResolver(zone)], {
    now: () => NOW,
    probe: {
      probers,
      timeoutMs: 500,
      ...(gate ? { gate: edgeTargetPolicy({ allowLoopback: false }) } : {}),
      register: {
        opener,
        credentials: { user: "alice", password: PASSWORD },
        outboundProxy: { host: proxyHost },
      },
    },
  });
}

describe("REGISTER through the test account's outbound proxy", () => {
  it("goes to the proxy once per transport the registrar offers, with a Route, never to the registrar's targets", async () => {
    const { opener, opened, flows } = proxyOpener(true);
    const report = await audit(opener);
    expect(opened.map((t) => `${t.transport} ${t.address}:${t.port}`)).toEqual([
      `tls ${PROXY_ADDRESS}:5061`,
      `tcp ${PROXY_ADDRESS}:5060`,
    ]);
    const first = flows[0]?.requests[0];
    expect(first?.uri).toBe("sips:example.com");
    expect(first?.header("route")).toBe("<sips:proxy.example.net:5061;lr>");
    expect(report.findings.filter((f) => f.id.startsWith("register."))).toEqual([]);
    const summary = summariseRun(report, NOW);
    const viaProxy = summary.targets.filter((t) => t.via === "outbound-proxy");
    expect(viaProxy.map((t) => [t.transport, t.outcome, t.register?.outcome])).toEqual([
      ["tls", "ok", "registered"],
      ["tcp", "ok", "registered"],
    ]);
    expect(JSON.stringify(report)).not.toContain(PASSWORD);
  });

  it("says clearly that a proxy that is down keeps phones from registering", async () => {
    const { opener } = proxyOpener(false);
    const report = await audit(opener);
    const findings = report.findings.filter((f) => f.id === "register.proxy-unreachable");
    expect(findings.map((f) => [f.severity, f.title]).sort()).toEqual([
      ["critical", "Outbound proxy proxy.example.net:5060 (TCP) does not answer REGISTER"],
      ["critical", "Outbound proxy proxy.example.net:5061 (TLS) does not answer REGISTER"],
    ]);
    expect(findings[0]?.detail).toContain("connection-refused");
    const summary = summariseRun(report, NOW);
    expect(summary.targets.filter((t) => t.via).map((t) => t.outcome)).toEqual(["refused", "refused"]);
    // The registrar's own targets still decide whether a transport is up.
    expect(summary.transports.tls?.ok).toBe(true);
  });

  it("names a proxy whose name does not resolve", async () => {
    const { opener, opened } = proxyOpener(true);
    const report = await audit(opener, "nowhere.example.net");
    expect(opened).toEqual([]);
    const finding = report.findings.find((f) => f.id === "register.proxy-unreachable");
    expect(finding?.detail).toContain("nowhere.example.net does not resolve");
  });

  it("passes the proxy's address through the edge's address policy: a private proxy is never contacted", async () => {
    const { opener, opened } = proxyOpener(true);
    const report = await audit(opener, "10.0.0.7", true);
    expect(opened.filter((t) => t.address === "10.0.0.7")).toEqual([]);
    expect(report.probes?.filter((p) => p.target.address === "10.0.0.7").map((p) => p.skipped?.reason)).toEqual([
      "not-public",
      "not-public",
    ]);
  });
});
