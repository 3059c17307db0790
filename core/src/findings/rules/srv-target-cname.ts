import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { srvTargetHosts } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.srv.target-cname: an SRV target that is an alias. RFC 2782 says the target "must not be
 * an alias"; most resolvers follow the CNAME anyway, but some SIP stacks refuse the answer.
 */
export const srvTargetCname: DiscoveryRule = (resolution) => {
  const owners = new Map<string, string[]>();
  for (const node of Object.values(resolution.srv)) {
    for (const host of srvTargetHosts(node)) owners.set(host, [...(owners.get(host) ?? []), node.owner]);
  }
  const findings: Finding[] = [];
  for (const [host, srvOwners] of owners) {
    const node = resolution.hosts[host];
    if (!node) continue;
    const cnames = [...node.a.cnames, ...node.aaaa.cnames].map(formatRecord);
    if (cnames.length === 0) continue;
    const chain = [...new Set(cnames)];
    findings.push({
      id: "dns.srv.target-cname",
      severity: "warning",
      title: `SRV target ${host} is a CNAME`,
      detail: `RFC 2782 forbids aliases as SRV targets. Most phones follow the alias anyway, but some SIP stacks discard the answer and cannot reach ${host}.`,
      fix: `Point the SRV records at the canonical host name (the end of the CNAME chain), or replace the CNAME at ${host} with A/AAAA records.`,
      subject: host,
      evidence: { cnames: chain, srvOwners },
    });
  }
  return findings;
};
