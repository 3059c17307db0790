import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { hasRealTargets, legacyTlsSrvOwner, sipDomain, wellKnownSrvOwner } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.srv.legacy-name: TLS published at `_sip._tls.<domain>`, a name some vendors used before
 * RFC 3263 settled on `_sips._tcp`. RFC 3263 clients never query it.
 */
export const srvLegacyName: DiscoveryRule = (resolution) => {
  const domain = sipDomain(resolution);
  if (domain === null) return [];
  const legacyName = legacyTlsSrvOwner(domain);
  const legacy = Object.values(resolution.srv).find(
    (node) => (node.origin === "legacy" || node.owner === legacyName) && hasRealTargets(node),
  );
  if (!legacy) return [];
  const sipsOwner = wellKnownSrvOwner("tls", domain) ?? `_sips._tcp.${domain}`;
  const sips = resolution.srv[sipsOwner];
  const tlsFound = (sips !== undefined && hasRealTargets(sips)) || legacy.origin === "naptr";
  const finding: Finding = {
    id: "dns.srv.legacy-name",
    severity: "warning",
    title: `TLS is published at the legacy name ${legacy.owner}`,
    detail: tlsFound
      ? `Only some older phones query ${legacy.owner}; keep it in step with ${sipsOwner} or those phones and RFC 3263 clients reach different servers.`
      : `RFC 3263 clients look for TLS at ${sipsOwner}, which has no SRV records, so they never find TLS: they use TCP or UDP, or fail if nothing else is offered.`,
    fix: `Publish the same SRV records at ${sipsOwner}${tlsFound ? "" : " (and a SIPS+D2T NAPTR pointing to it)"}; keep ${legacy.owner} only for phones that need it.`,
    subject: legacy.owner,
    evidence: {
      legacy: legacy.lookup.records.map(formatRecord),
      sips: sips ? { status: sips.lookup.status, records: sips.lookup.records.map(formatRecord) } : "not queried",
    },
  };
  return [finding];
};
