import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { srvTargetHosts, transportName } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/** dns.srv.single-target: one server per transport, so no failover when it is down. */
export const srvSingleTarget: DiscoveryRule = (resolution) => {
  const findings: Finding[] = [];
  for (const node of Object.values(resolution.srv)) {
    // The legacy name has its own finding; counting its targets adds noise.
    if (node.origin === "legacy") continue;
    const hosts = srvTargetHosts(node);
    const host = hosts[0];
    if (hosts.length !== 1 || host === undefined) continue;
    const transport = transportName(node.transport);
    findings.push({
      id: "dns.srv.single-target",
      severity: "info",
      title: `${node.owner} has a single target, ${host}`,
      detail: `Every ${transport} client goes to ${host}; when it is down or unreachable they have no other server to try.`,
      fix: `Add a second SRV target on another server (same priority to share load, a higher priority number for standby).`,
      subject: node.owner,
      evidence: { srv: node.lookup.records.map(formatRecord) },
    });
  }
  return findings;
};
