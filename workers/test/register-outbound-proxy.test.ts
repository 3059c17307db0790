import { probeRegistration, proxyRoute, responseHandlingOf } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import { WorkersSipFlowOpener } from "../src/adapters/sip-flow-opener";
import type { AuditSettings } from "../src/probing/audit-job";
import { runEdgeAudit } from "../src/probing/edge-audit";
import type { EdgeProbeExtras } from "../src/probing/probe-extras";
import { lab } from "./fixtures";

// The edge registers through a test account's outbound proxy: Kamailio on loopback (test/lab-setup.ts)
// challenging with 407 and relaying to a Kamailio registrar, which challenges with 401.
const settings = (allowLoopback: boolean): AuditSettings => ({
  resolvers: [lab().dohUrl],
  extraCaPems: lab().liveCaPems,
  allowLoopback,
  probeTimeoutMs: 2000,
  deadlineMs: 10_000,
});

function extras(proxyPort: number, password = lab().kamailio.account.password): EdgeProbeExtras {
  return {
    responseHandling: responseHandlingOf(null),
    register: {
      credentials: { user: lab().kamailio.account.user, domain: lab().kamailio.domain, password },
      expectContact: "rewritten",
      outboundProxy: { host: "127.0.0.1", port: proxyPort, transport: "tcp" },
    },
  };
}

describe("REGISTER from the edge through an outbound proxy", () => {
  it.each(["tcp", "tls"] as const)(
    "registers over %s via Kamailio: the proxy's 407, then the registrar's 401",
    async (transport) => {
      const { kamailio } = lab();
      const proxy = {
        transport,
        host: "127.0.0.1",
        address: "127.0.0.1",
        port: kamailio.proxy[transport],
        sipDomain: kamailio.domain,
      };
      const result = await probeRegistration(new WorkersSipFlowOpener(), proxy, {
        timeoutMs: 3000,
        credentials: { user: kamailio.account.user, password: kamailio.account.password },
        route: proxyRoute(proxy),
      });
      expect(JSON.stringify(result)).not.toContain(kamailio.account.password);
      expect(result).toMatchObject({
        outcome: "registered",
        route: proxyRoute(proxy),
        challenges: [
          { status: 407, realm: kamailio.domain },
          { status: 401, realm: kamailio.domain },
        ],
        unregister: { outcome: "removed" },
      });
    },
  );

  it("a monitor's audit registers through the proxy and keeps it out of the transports' verdict", async () => {
    const target = `sip:127.0.0.1:${lab().kamailio.registrar.tcp};transport=tcp`;
    const job = { monitorId: "m", vantageId: "region:weur", target, slowMs: 1000 };
    const result = await runEdgeAudit(job, settings(true), extras(lab().kamailio.proxy.tcp));
    const viaProxy = result.summary.targets.filter((t) => t.via === "outbound-proxy");
    expect(viaProxy.map((t) => [t.transport, t.port, t.outcome, t.register?.outcome])).toEqual([
      ["tcp", lab().kamailio.proxy.tcp, "ok", "registered"],
    ]);
    expect(result.findings.map((f) => f.id).filter((id) => id.startsWith("register."))).toEqual([]);
  });

  it("names a proxy that is down, and the registrar's own probes still count", async () => {
    const target = `sip:127.0.0.1:${lab().kamailio.registrar.tcp};transport=tcp`;
    const job = { monitorId: "m", vantageId: "region:weur", target, slowMs: 1000 };
    const result = await runEdgeAudit(job, settings(true), extras(lab().closedPort));
    const finding = result.findings.find((f) => f.id === "register.proxy-unreachable");
    expect(finding).toMatchObject({
      severity: "critical",
      title: expect.stringContaining(`127.0.0.1:${lab().closedPort} (TCP)`),
    });
    expect(result.summary.transports.tcp?.ok).toBe(true);
  });

  it("never contacts a proxy at a loopback address outside the lab (the edge's address policy)", async () => {
    const target = `sip:127.0.0.1:${lab().kamailio.registrar.tcp};transport=tcp`;
    const job = { monitorId: "m", vantageId: "region:weur", target, slowMs: 1000 };
    const result = await runEdgeAudit(job, settings(false), extras(lab().kamailio.proxy.tcp));
    expect(result.summary.targets.map((t) => [t.via ?? "registrar", t.outcome])).toEqual([
      ["registrar", "skipped-loopback"],
      ["outbound-proxy", "skipped-loopback"],
    ]);
  });
});
