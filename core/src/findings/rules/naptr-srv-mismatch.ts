import type { SrvNode } from "../../sip/types";
import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import {
  dedupeFindings,
  hasRealTargets,
  isEmptyAnswer,
  publishedNaptrs,
  sipDomain,
  transportName,
  wellKnownSrvOwner,
} from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.naptr.srv-mismatch: NAPTR-following clients and clients that query the well-known SRV
 * names directly (many desk phones) end up with different transports or servers.
 */
export const naptrSrvMismatch: DiscoveryRule = (resolution) => {
  const domain = sipDomain(resolution);
  const naptrs = publishedNaptrs(resolution);
  if (domain === null || naptrs.length === 0) return [];
  const findings: Finding[] = [];
  const naptrTransports = new Set(naptrs.map((node) => node.service?.transport));

  // SRV offers a transport that NAPTR does not.
  for (const node of Object.values(resolution.srv)) {
    if (node.owner !== wellKnownSrvOwner(node.transport, domain) || !hasRealTargets(node)) continue;
    if (naptrTransports.has(node.transport)) continue;
    const transport = transportName(node.transport);
    findings.push({
      id: "dns.naptr.srv-mismatch",
      severity: "warning",
      title: `${node.owner} offers ${transport} but NAPTR at ${domain} does not`,
      detail: `Phones that follow NAPTR never use ${transport}; phones that skip NAPTR and query ${node.owner} directly do. The two kinds of client reach ${domain} differently, which makes failures hard to reproduce.`,
      fix: `Add a NAPTR record for ${transport} pointing to ${node.owner}, or remove the SRV records at ${node.owner} if ${transport} is not meant to be offered.`,
      subject: node.owner,
      evidence: { naptr: naptrs.map((n) => formatRecord(n.record)), srv: srvRecords(node) },
    });
  }

  // NAPTR offers a transport whose well-known SRV owner is empty or points elsewhere.
  for (const naptr of naptrs) {
    const transport = naptr.service?.transport;
    const owner = transport && wellKnownSrvOwner(transport, domain);
    // When NAPTR names the well-known owner itself, an empty owner is dns.naptr.dangling.
    if (!transport || !owner || owner === naptr.srvOwner) continue;
    const wellKnown = resolution.srv[owner];
    if (!wellKnown) continue;
    const via = naptr.srvOwner ? resolution.srv[naptr.srvOwner] : undefined;
    const name = transportName(transport);
    const evidence = {
      naptr: formatRecord(naptr.record),
      naptrSrv: via ? srvRecords(via) : [],
      wellKnownSrv: srvRecords(wellKnown),
    };
    if (isEmptyAnswer(wellKnown.lookup)) {
      findings.push({
        id: "dns.naptr.srv-mismatch",
        severity: "warning",
        title: `NAPTR at ${domain} offers ${name} but ${owner} has no SRV records`,
        detail: `Phones that follow NAPTR find ${name} via ${naptr.srvOwner ?? naptr.record.replacement}; phones that only query SRV look up ${owner}, find nothing and never use ${name}.`,
        fix: `Publish the same SRV records at ${owner} as at ${naptr.srvOwner ?? naptr.record.replacement}.`,
        subject: owner,
        evidence,
      });
    } else if (via && hasRealTargets(via) && hasRealTargets(wellKnown) && endpoints(via) !== endpoints(wellKnown)) {
      findings.push({
        id: "dns.naptr.srv-mismatch",
        severity: "warning",
        title: `NAPTR and ${owner} send ${name} clients to different servers`,
        detail: `Phones that follow NAPTR reach ${endpoints(via)} via ${via.owner}; phones that only query SRV reach ${endpoints(wellKnown)} via ${owner}.`,
        fix: `Make ${owner} and ${via.owner} list the same targets and ports, or point the NAPTR record at ${owner}.`,
        subject: owner,
        evidence,
      });
    }
  }
  return dedupeFindings(findings);
};

function srvRecords(node: SrvNode): string[] {
  return node.lookup.records.map(formatRecord);
}

function endpoints(node: SrvNode): string {
  return [...new Set(node.targets.filter((t) => t.host !== null).map((t) => `${t.host}:${t.record.port}`))]
    .sort()
    .join(", ");
}
