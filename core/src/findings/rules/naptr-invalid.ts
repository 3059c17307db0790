import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import type { DiscoveryRule } from "./rule";

/**
 * dns.naptr.invalid: NAPTR records clients skip (flags other than "S"/"A", a regexp instead of
 * a replacement, a service they do not know). One finding per NAPTR owner lists them all.
 */
export const naptrInvalid: DiscoveryRule = (resolution) => {
  const invalid = resolution.naptrRecords.filter((node) => node.problems.length > 0);
  const owner = invalid[0]?.record.name;
  if (owner === undefined) return [];
  const count = invalid.length;
  const finding: Finding = {
    id: "dns.naptr.invalid",
    severity: "warning",
    title:
      count === 1
        ? `NAPTR record at ${owner} is ignored by SIP clients`
        : `${count} NAPTR records at ${owner} are ignored by SIP clients`,
    detail: `SIP clients skip ${count === 1 ? "this record" : "these records"} (${unique(invalid.flatMap((n) => n.problems)).join("; ")}), so the transport ${count === 1 ? "it offers is" : "they offer is"} never chosen through NAPTR.`,
    fix: `Use flag "S" with a replacement naming an SRV owner such as _sips._tcp.${owner}, an empty regexp, and a service clients know (SIPS+D2T, SIP+D2T, SIP+D2U), or remove the record.`,
    subject: owner,
    evidence: {
      records: invalid.map((node) => ({ record: formatRecord(node.record), problems: node.problems })),
    },
  };
  return [finding];
};

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
