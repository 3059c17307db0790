import { normalizeName } from "@sipwatch/core";
import { DEFAULT_TTL, type LabRecord, type LabZone, type SoaData } from "./zones";

/**
 * What an authoritative server (BIND semantics, no wildcards, no delegations) answers for one
 * question, before it becomes wire format. Kept separate from the sockets so the hostile
 * server can reuse real answers and tests can check the semantics without a network.
 */
export type LabRcode = "NOERROR" | "SERVFAIL" | "NXDOMAIN" | "REFUSED";

export interface LabAnswer {
  rcode: LabRcode;
  /** false for REFUSED: the server is not authoritative for the name. */
  authoritative: boolean;
  answers: LabRecord[];
  authorities: LabRecord[];
}

/** Longer CNAME chains are a loop or a misconfiguration; BIND stops after a similar bound. */
const MAX_CNAME_CHAIN = 8;

export interface LookupOptions {
  /** Names answered SERVFAIL, as a broken DNSSEC signature would be at a validating resolver. */
  servfail?: string[];
}

export function zoneFor(zones: LabZone[], name: string): LabZone | undefined {
  let best: LabZone | undefined;
  for (const zone of zones) {
    const inside = name === zone.origin || name.endsWith(`.${zone.origin}`);
    if (inside && (!best || zone.origin.length > best.origin.length)) best = zone;
  }
  return best;
}

/** Answers `type` at `name`; "ANY" returns every record at the name. */
export function answerQuestion(zones: LabZone[], name: string, type: string, options: LookupOptions = {}): LabAnswer {
  const servfail = new Set((options.servfail ?? []).map(normalizeName));
  let current = normalizeName(name);
  const answers: LabRecord[] = [];
  const visited = new Set<string>();
  while (true) {
    if (servfail.has(current)) return { rcode: "SERVFAIL", authoritative: false, answers: [], authorities: [] };
    const zone = zoneFor(zones, current);
    if (!zone) {
      // After a CNAME the chain leaves our data: the client resolves the target itself.
      if (answers.length > 0) return { rcode: "NOERROR", authoritative: true, answers, authorities: [] };
      return { rcode: "REFUSED", authoritative: false, answers: [], authorities: [] };
    }
    const atName = zone.records.filter((r) => r.name === current);
    const cname = atName.find((r): r is LabRecord & { type: "CNAME"; data: string } => r.type === "CNAME");
    if (cname && type !== "CNAME" && type !== "ANY") {
      answers.push(cname);
      visited.add(current);
      const target = normalizeName(cname.data);
      if (visited.has(target) || visited.size >= MAX_CNAME_CHAIN) {
        return { rcode: "SERVFAIL", authoritative: false, answers: [], authorities: [] };
      }
      current = target;
      continue;
    }
    const matching = type === "ANY" ? atName : atName.filter((r) => r.type === type);
    if (matching.length > 0) {
      return { rcode: "NOERROR", authoritative: true, answers: [...answers, ...matching], authorities: [] };
    }
    const exists = atName.length > 0 || zone.records.some((r) => r.name.endsWith(`.${current}`));
    // RFC 2308 3: negative answers carry the SOA, its TTL capped at the SOA minimum. BIND
    // zeroes it for NXDOMAIN to an SOA query, so the SOA is never cached as that name's answer.
    const ttl = (soa: SoaData, recordTtl = DEFAULT_TTL) =>
      !exists && type === "SOA" ? 0 : Math.min(recordTtl, soa.minimum);
    const authorities = zone.records.flatMap((r) =>
      r.type === "SOA" && r.name === zone.origin ? [{ ...r, ttl: ttl(r.data, r.ttl) }] : [],
    );
    // RFC 8020: a name with records only below it (an empty non-terminal) exists: NODATA.
    return { rcode: exists ? "NOERROR" : "NXDOMAIN", authoritative: true, answers, authorities };
  }
}
