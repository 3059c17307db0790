import type { ResolutionBranch } from "../../sip/types";
import type { Finding } from "../types";
import { hostAddresses, isConclusive, isEmptyAnswer, sipDomain } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

const DISCOVERING_BRANCHES = new Set<ResolutionBranch>(["naptr", "srv", "address"]);

/**
 * dns.discovery.none: neither NAPTR nor SRV exists for the SIP domain, so every client falls
 * back to the domain's A/AAAA records and UDP on port 5060 (RFC 3263 4.1, 4.2).
 */
export const discoveryNone: DiscoveryRule = (resolution) => {
  const domain = sipDomain(resolution);
  // An explicit port or transport skips NAPTR on purpose (RFC 3263 4.1): nothing to judge.
  if (domain === null || !DISCOVERING_BRANCHES.has(resolution.branch)) return [];
  const discovery = [
    ...(resolution.naptr ? [resolution.naptr] : []),
    ...Object.values(resolution.srv).map((node) => node.lookup),
  ];
  // A failed lookup proves nothing; the resolver rules report it.
  if (discovery.length === 0 || !discovery.every(isEmptyAnswer)) return [];

  const host = resolution.hosts[domain];
  const addresses = host ? hostAddresses(host) : [];
  const noAddress = host !== undefined && addresses.length === 0 && isConclusive(host.a) && isConclusive(host.aaaa);
  const finding: Finding = {
    id: "dns.discovery.none",
    severity: noAddress ? "critical" : "warning",
    title: `${domain} has no NAPTR or SRV records`,
    detail: noAddress
      ? `No client can find a SIP server for ${domain}: there are no NAPTR or SRV records, and the domain has no A or AAAA record to fall back to.`
      : `Every phone falls back to ${domain}'s own address and plain UDP on port 5060 (RFC 3263 4.1): TCP and TLS are never discovered, and there is no failover to a second server.`,
    fix: `Publish SRV records (_sips._tcp, _sip._tcp, _sip._udp.${domain}) naming your SIP servers, and NAPTR records ordering them with TLS first.`,
    subject: domain,
    evidence: {
      questions: discovery.map((lookup) => ({ ...lookup.question, status: lookup.status })),
      addresses,
    },
  };
  return [finding];
};
