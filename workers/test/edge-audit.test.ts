import { type AuditReport, auditSipTarget, DohResolver, parseSipTarget } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import { TlsSessionShelf, WorkersSipOptionsProber, WorkersTcpDialer, WorkersTlsProber } from "../src/adapters";
import { lab } from "./fixtures";

/** A full audit as the edge runs it: DoH for DNS, the Workers adapters for every probe. */
async function edgeAudit(domain: string): Promise<AuditReport> {
  const parsed = parseSipTarget(domain);
  if (!parsed.ok) throw new Error(parsed.error);
  const shelf = new TlsSessionShelf();
  return auditSipTarget(parsed.target, [new DohResolver({ endpoints: [lab().dohUrl] })], {
    loopbackIsLab: true,
    probe: {
      timeoutMs: 2000,
      // Workers allow six open connections per invocation.
      concurrency: 3,
      probers: {
        tcp: new WorkersTcpDialer(),
        tls: new WorkersTlsProber({ extraCaPems: lab().liveCaPems, shelf }),
        sip: new WorkersSipOptionsProber({ shelf }),
      },
    },
  }).finally(() => shelf.closeAll());
}

const ids = (report: AuditReport) => report.findings.map((f) => `${f.id}:${f.severity}`);

describe("a full audit inside workerd, against the lab", () => {
  it("finds a healthy service healthy over TLS and TCP, and leaves UDP to agents", async () => {
    const report = await edgeAudit("live.sipwatch.test");
    const byTransport = Object.fromEntries(report.probes?.map((p) => [p.target.transport, p]) ?? []);
    expect(byTransport.tls?.tls).toMatchObject({ outcome: "connected", verification: { trusted: true } });
    expect(byTransport.tls?.sip?.response?.status).toBe(200);
    expect(byTransport.tcp?.sip?.response?.status).toBe(200);
    expect(byTransport.udp?.sip).toBeUndefined();
    expect(ids(report).filter((id) => id.startsWith("tls.") || id.startsWith("transport."))).toEqual([]);
    const rfc3263 = report.profiles.find((p) => p.profile === "rfc3263");
    expect(rfc3263?.outcome.transport).toBe("tls");
  });

  it("reads an expired certificate and says which phones cannot register", async () => {
    const report = await edgeAudit("expired.sipwatch.test");
    expect(ids(report)).toEqual(expect.arrayContaining(["tls.cert.expired:critical", "fallback.none:critical"]));
    const registered = Object.fromEntries(report.profiles.map((p) => [p.profile, p.outcome.registered]));
    expect(registered).toMatchObject({ rfc3263: false, "linphone-tls": false, baresip: true, "linphone-tcp": true });
  });
});
