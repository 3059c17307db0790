import type { Finding } from "../types";
import { isConclusive, sipDomain } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/** dns.address.no-ipv6: A records but no AAAA anywhere in the discovery chain. */
export const addressNoIpv6: DiscoveryRule = (resolution) => {
  const hosts = Object.values(resolution.hosts);
  const withIpv4 = hosts.filter((host) => host.a.records.length > 0);
  if (withIpv4.length === 0) return [];
  if (hosts.some((host) => host.aaaa.records.length > 0 || !isConclusive(host.aaaa))) return [];
  const subject = sipDomain(resolution) ?? resolution.target.host;
  const finding: Finding = {
    id: "dns.address.no-ipv6",
    severity: "info",
    title: `No IPv6 address anywhere for ${subject}`,
    detail: `Phones on IPv6-only networks (some mobile carriers) need NAT64/DNS64 to reach ${subject}; everyone else uses IPv4.`,
    fix: `Publish AAAA records for the SIP servers if they are reachable over IPv6.`,
    subject,
    evidence: { ipv4Hosts: withIpv4.map((host) => host.host) },
  };
  return [finding];
};
