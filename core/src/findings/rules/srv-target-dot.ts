import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { publishedNaptrs, transportName } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.srv.target-dot: SRV target "." (RFC 2782: "decidedly not available"). Worth knowing when
 * deliberate; a contradiction when NAPTR advertises the same transport.
 */
export const srvTargetDot: DiscoveryRule = (resolution) => {
  const findings: Finding[] = [];
  const naptrs = publishedNaptrs(resolution);
  for (const node of Object.values(resolution.srv)) {
    const dots = node.lookup.records.filter((record) => record.target === ".");
    if (dots.length === 0) continue;
    const transport = transportName(node.transport);
    // `_sip._tls` saying "no" is harmless even when NAPTR offers TLS elsewhere.
    const advertised = node.origin !== "legacy" && naptrs.filter((n) => n.service?.transport === node.transport);
    const contradiction = advertised && advertised.length > 0;
    findings.push({
      id: "dns.srv.target-dot",
      severity: contradiction ? "warning" : "info",
      title: `${node.owner} says ${transport} is not offered (target ".")`,
      detail: contradiction
        ? `NAPTR advertises ${transport}, but ${node.owner} says the service is not available: clients that follow it get no server for ${transport}.`
        : `Clients will not use ${transport} for ${resolution.target.host}: the SRV record explicitly says it is not offered.`,
      fix: contradiction
        ? `Either publish real targets at ${node.owner} or remove the NAPTR records for ${transport}.`
        : `Nothing to do if ${transport} is deliberately off; otherwise publish real targets at ${node.owner}.`,
      subject: node.owner,
      evidence: {
        srv: node.lookup.records.map(formatRecord),
        ...(contradiction ? { naptr: advertised.map((n) => formatRecord(n.record)) } : {}),
      },
    });
  }
  return findings;
};
