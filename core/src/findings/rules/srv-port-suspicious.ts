import type { SrvNode } from "../../sip/types";
import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { transportName } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.srv.port-suspicious: TLS advertised on 5060 or plaintext on 5061, usually a record copied
 * from the neighbouring transport. Only the probe can tell which listener is really there.
 */
export const srvPortSuspicious: DiscoveryRule = (resolution) => {
  const findings: Finding[] = [];
  for (const node of Object.values(resolution.srv)) {
    const suspicious = node.lookup.records.filter((record) => record.target !== "." && isSuspicious(node, record.port));
    const first = suspicious[0];
    if (!first) continue;
    const transport = transportName(node.transport);
    const usual = node.transport === "tls" ? 5061 : 5060;
    findings.push({
      id: "dns.srv.port-suspicious",
      severity: "warning",
      title: `${node.owner} advertises ${transport} on port ${first.port}`,
      detail: `Port ${first.port} is the usual port for ${node.transport === "tls" ? "plaintext SIP" : "SIP over TLS"}, not ${transport}. If the listener there speaks the other protocol, clients fail their handshake or send plaintext to a TLS port; confirm with the probe.`,
      fix: `Check which protocol listens on port ${first.port}; if it is a copy error, change the SRV port to ${usual}.`,
      subject: node.owner,
      evidence: { srv: suspicious.map(formatRecord) },
    });
  }
  return findings;
};

function isSuspicious(node: SrvNode, port: number): boolean {
  if (node.transport === "tls") return port === 5060;
  if (node.transport === "tcp" || node.transport === "udp") return port === 5061;
  return false;
}
