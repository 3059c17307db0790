import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { hasRealTargets, hostHasNoAddress, sipDomain } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.domain.no-address: NAPTR/SRV exist but the SIP domain itself has no A/AAAA, so clients
 * configured with the domain as a plain host name (no NAPTR/SRV support) cannot connect.
 */
export const domainNoAddress: DiscoveryRule = (resolution) => {
  const domain = sipDomain(resolution);
  const host = domain === null ? undefined : resolution.hosts[domain];
  if (domain === null || !host) return [];
  const naptr = resolution.naptr?.records ?? [];
  const srv = Object.values(resolution.srv).filter(hasRealTargets);
  if (naptr.length === 0 && srv.length === 0) return [];
  if (!hostHasNoAddress(host)) return [];
  const finding: Finding = {
    id: "dns.domain.no-address",
    severity: "warning",
    title: `${domain} has SRV/NAPTR records but no A or AAAA record`,
    detail: `Phones that support NAPTR or SRV find the servers; phones that only look up the domain's address (fixed-UDP desk phones, some softphones and trunks) cannot connect to ${domain}.`,
    fix: `Publish A (and AAAA) records for ${domain} pointing at a SIP server listening on UDP and TCP port 5060, or tell users to configure a server host name instead of the domain.`,
    subject: domain,
    evidence: {
      a: host.a.status,
      aaaa: host.aaaa.status,
      discovery: [...naptr, ...srv.flatMap((node) => node.lookup.records)].map(formatRecord),
    },
  };
  return [finding];
};
