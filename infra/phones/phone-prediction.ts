import { NodeSipOptionsProber, NodeTcpDialer, NodeTlsProber, UdpTcpResolver } from "@sipwatch/agent";
import { type AuditReport, auditSipTarget, parseSipTarget } from "@sipwatch/core";
import type { PhoneLab } from "./phone-lab";

/** Per-probe bound; a silent target costs this much of the audit, not of the phone run. */
const PROBE_TIMEOUT_MS = 3000;
const DNS_TIMEOUT_MS = 2000;

/**
 * What sipwatch itself says about a phone zone: core's audit with the agent's Node resolver and
 * probers, built as `sipwatch check DOMAIN --resolver DNS --lab --ca CA` builds them
 * (agent/src/cli/check-command.ts), run against the very lab the phone then meets.
 */
export async function auditPhoneLab(lab: PhoneLab, caPem: string): Promise<AuditReport> {
  const parsed = parseSipTarget(lab.domain);
  if (!parsed.ok) throw new Error(`not a SIP target: ${lab.domain}: ${parsed.error}`);
  const resolver = new UdpTcpResolver({
    servers: [{ host: lab.block.dns, port: 53 }],
    timeoutMs: DNS_TIMEOUT_MS,
    label: `${lab.block.dns}:53`,
  });
  return auditSipTarget(parsed.target, [resolver], {
    signal: AbortSignal.timeout(60_000),
    loopbackIsLab: true,
    probe: {
      timeoutMs: PROBE_TIMEOUT_MS,
      concurrency: 8,
      probers: {
        tcp: new NodeTcpDialer(),
        tls: new NodeTlsProber({ checkLegacyVersions: false, ca: caPem }),
        sip: new NodeSipOptionsProber(),
      },
    },
  });
}
