import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { labPki, liveZone, startLabDns, startSipLab } from "@sipwatch/infra/lab";
import { type AgentAuditSettings, auditJob } from "../src/agent/agent-audit";
import type { AgentLog } from "../src/agent/agent-log";
import { AgentRunner } from "../src/agent/agent-runner";
import type { AgentJob, AgentReport } from "../src/agent/protocol";
import { ReportQueue } from "../src/agent/report-queue";
import { ServerClient } from "../src/agent/server-client";
import { resolversFromSpecs } from "../src/cli/resolver-spec";

export const LAB_DOMAIN = "live.sipwatch.test";

/** The lab's live zone and SIP servers (UDP, TCP, TLS) on loopback: what the agent audits. */
export async function startAgentLab() {
  const pki = await labPki({ domain: LAB_DOMAIN, host: `sip1.${LAB_DOMAIN}` });
  const sip = await startSipLab({
    transports: ["udp", "tcp", "tls"],
    tls: { cert: pki.certificates.valid.chainPem, key: pki.certificates.valid.keyPem },
  });
  const ports = { udp: sip.ports.udp as number, tcp: sip.ports.tcp as number, tls: sip.ports.tls as number };
  const dns = await startLabDns({ zones: [liveZone(LAB_DOMAIN, ports)] });
  const choice = resolversFromSpecs([`127.0.0.1:${dns.udpPort}`], 1000);
  if (!choice.ok) throw new Error(choice.error);
  const settings: AgentAuditSettings = {
    resolvers: choice.resolvers,
    probeTimeoutMs: 1500,
    dnsDeadlineMs: 9000,
    ca: pki.caPem,
    lab: true,
  };
  return {
    dnsPort: dns.udpPort,
    caPem: pki.caPem,
    settings,
    /** A job for the lab's domain, hourly unless told (so a test sees one audit per job). */
    job: (monitorId: string, intervalSeconds = 3600, target = LAB_DOMAIN): AgentJob => ({
      monitorId,
      target,
      expectedTransports: ["udp", "tls"],
      slowMs: 1000,
      intervalSeconds,
      phaseSeconds: 0,
    }),
    close: async () => {
      await Promise.all([sip.close(), dns.close()]);
    },
  };
}

export const stateDir = () => mkdtempSync(join(tmpdir(), "sipwatch-agent-"));

/** Captures the agent's one-line logs. */
export function capturedLog(): { log: AgentLog; lines: string[] } {
  const lines: string[] = [];
  return { lines, log: (level, event, fields = {}) => lines.push(`${level} ${event} ${JSON.stringify(fields)}`) };
}

/** A runner against `server` with fast backoff, recording every report it audited. */
export function testRunner(
  server: { url: string; token: string },
  dir: string,
  settings: AgentAuditSettings,
  options: { intervalMs?: number; maxQueue?: number } = {},
) {
  const audited: AgentReport[] = [];
  const { log, lines } = capturedLog();
  const runner = new AgentRunner({
    client: new ServerClient(server.url, server.token, "test"),
    queue: new ReportQueue(dir, options.maxQueue ?? 1000),
    log,
    intervalMs: options.intervalMs ?? 60_000,
    // Tests use intervals of a fraction of a second; production keeps the one-minute floor.
    minJobIntervalMs: 10,
    backoff: { baseMs: 20, maxMs: 200 },
    audit: async (job) => {
      const report = await auditJob(job, settings);
      audited.push(report);
      return report;
    },
  });
  return { runner, audited, lines };
}

/** Polls until `done()` holds, failing after `timeoutMs`. */
export async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}
