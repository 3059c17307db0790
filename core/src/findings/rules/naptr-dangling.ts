import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { dedupeFindings, isEmptyAnswer, transportName, usableNaptrs } from "./resolution-facts";
import type { DiscoveryRule } from "./rule";

/**
 * dns.naptr.dangling: an "S" NAPTR names an SRV owner that has no SRV records, so RFC 3263
 * clients choose a transport that leads nowhere.
 */
export const naptrDangling: DiscoveryRule = (resolution) => {
  const usable = usableNaptrs(resolution);
  const mostPreferred = usable[0];
  const findings: Finding[] = [];
  for (const node of usable) {
    if (node.record.flags.toUpperCase() !== "S" || node.srvOwner === undefined) continue;
    const srvNode = resolution.srv[node.srvOwner];
    if (!srvNode || !isEmptyAnswer(srvNode.lookup)) continue;
    const first = node === mostPreferred;
    const transport = node.service ? transportName(node.service.transport) : "this transport";
    findings.push({
      id: "dns.naptr.dangling",
      severity: first ? "critical" : "warning",
      title: `NAPTR for ${transport} points to ${node.srvOwner}, which has no SRV records`,
      detail: first
        ? `This is the first NAPTR record RFC 3263 clients follow: they choose ${transport}, look up ${node.srvOwner} and find nothing. Some stacks (pjsip, resiprocate) move on to the next NAPTR record; many phones stop there and cannot reach ${node.record.name}.`
        : `Clients that pick ${transport} from NAPTR look up ${node.srvOwner} and find nothing, so ${transport} never works for them.`,
      fix: `Publish SRV records at ${node.srvOwner}, or correct the NAPTR replacement, or remove the NAPTR record for ${transport}.`,
      subject: node.srvOwner,
      evidence: {
        naptr: formatRecord(node.record),
        srv: { name: node.srvOwner, status: srvNode.lookup.status },
      },
    });
  }
  return dedupeFindings(findings);
};
