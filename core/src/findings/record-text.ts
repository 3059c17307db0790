import type { DnsRecord } from "../dns/types";

/**
 * A record in zone-file presentation without TTL or class, for evidence an operator can paste
 * into a dig comparison: `_sips._tcp.example.com SRV 10 60 5061 sip1.example.com`.
 */
export function formatRecord(record: DnsRecord): string {
  switch (record.type) {
    case "A":
    case "AAAA":
      return `${record.name} ${record.type} ${record.address}`;
    case "CNAME":
      return `${record.name} CNAME ${record.target}`;
    case "SRV":
      return `${record.name} SRV ${record.priority} ${record.weight} ${record.port} ${record.target}`;
    case "NAPTR":
      return `${record.name} NAPTR ${record.order} ${record.preference} ${quote(record.flags)} ${quote(record.services)} ${quote(record.regexp)} ${record.replacement}`;
    case "SOA":
      return `${record.name} SOA ${record.mname} ${record.serial}`;
    case "NS":
      return `${record.name} NS ${record.host}`;
  }
}

function quote(text: string): string {
  return `"${text.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`;
}
