import { formatRecord } from "../record-text";
import type { Severity } from "../types";
import { hostAddresses, hostHasNoAddress, srvTargetHosts } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.srv.target-unresolvable: an SRV target host without A or AAAA records. Critical when no
 * target of that SRV owner has an address: the transport is then dead for every client.
 */
export const srvTargetUnresolvable: DiscoveryRule = (resolution) => {
  const affected = new Map<string, { severity: Severity; srvOwners: string[] }>();
  for (const node of Object.values(resolution.srv)) {
    const hosts = srvTargetHosts(node);
    const withoutAddress = hosts.filter((host) => {
      const hostNode = resolution.hosts[host];
      return hostNode !== undefined && hostAddresses(hostNode).length === 0;
    });
    const allDead = withoutAddress.length === hosts.length;
    for (const host of withoutAddress) {
      const hostNode = resolution.hosts[host];
      // Both lookups must say "nothing here"; a timeout or SERVFAIL is the resolver rules' business.
      if (!hostNode || !hostHasNoAddress(hostNode)) continue;
      const entry = affected.get(host) ?? { severity: "warning", srvOwners: [] };
      if (allDead) entry.severity = "critical";
      entry.srvOwners.push(node.owner);
      affected.set(host, entry);
    }
  }
  return [...affected].map(([host, { severity, srvOwners }]) => {
    const hostNode = resolution.hosts[host];
    const srvRecords = srvOwners.flatMap(
      (owner) =>
        resolution.srv[owner]?.lookup.records.filter((record) => record.target === host).map(formatRecord) ?? [],
    );
    return {
      id: "dns.srv.target-unresolvable" as const,
      severity,
      title: `SRV target ${host} has no A or AAAA record`,
      detail:
        severity === "critical"
          ? `No target of ${srvOwners.join(", ")} has an address: clients that choose this transport cannot reach the service at all.`
          : `Clients that pick ${host} (by SRV priority and weight) cannot connect to it and must time out before trying the next target, which delays registration.`,
      fix: `Publish A and/or AAAA records for ${host}, or remove it from ${srvOwners.join(", ")}.`,
      subject: host,
      evidence: {
        srv: srvRecords,
        a: hostNode?.a.status,
        aaaa: hostNode?.aaaa.status,
      },
    };
  });
};
