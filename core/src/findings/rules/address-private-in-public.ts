import { addressScope, isPubliclyRoutable } from "../address-scope";
import type { Finding } from "../types";
import { hostAddresses } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.address.private-in-public: an answer holds an RFC 1918, CGNAT, loopback, link-local, ULA
 * or otherwise unroutable address. Critical when a strict client would actually try it.
 */
export const addressPrivateInPublic: DiscoveryRule = (resolution, context) => {
  const findings: Finding[] = [];
  for (const node of Object.values(resolution.hosts)) {
    const leaked = hostAddresses(node).filter(
      (address) => !isPubliclyRoutable(address) && !(context?.loopbackIsLab && addressScope(address) === "loopback"),
    );
    if (leaked.length === 0) continue;
    const tried = leaked.filter((address) =>
      resolution.candidates.some((c) => c.host === node.host && c.address === address),
    );
    const list = leaked.map((address) => `${address} (${addressScope(address)})`).join(", ");
    findings.push({
      id: "dns.address.private-in-public",
      severity: tried.length > 0 ? "critical" : "warning",
      title: `${node.host} resolves to a non-public address: ${leaked.join(", ")}`,
      detail:
        tried.length > 0
          ? `Phones outside your network try ${tried.join(", ")} and cannot reach it: each attempt times out before they move on to the next address. Either internal addresses leaked into public DNS or split DNS is misconfigured.`
          : `Phones outside your network cannot use ${list}. Either internal addresses leaked into public DNS or split DNS is misconfigured.`,
      fix: `Publish the public address of ${node.host} in public DNS and keep internal addresses in the internal view only.`,
      subject: node.host,
      evidence: {
        host: node.host,
        addresses: leaked.map((address) => ({ address, scope: addressScope(address), tried: tried.includes(address) })),
        resolver: resolution.resolver,
      },
    });
  }
  return findings;
};
