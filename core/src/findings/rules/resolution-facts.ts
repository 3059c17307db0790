import type { DnsQuestion, DnsRecord } from "../../dns/types";
import { usableNaptrRecords } from "../../sip/naptr";
import { LEGACY_TLS_SRV_PREFIX, SRV_PREFIX, TRANSPORT_LABEL } from "../../sip/transports";
import type { HostNode, LookupNode, NaptrNode, SipResolution, SrvNode, Transport } from "../../sip/types";
import { type Finding, SEVERITY_RANK } from "../types";

/** The SIP domain whose discovery records the rules judge; null for `sip:alice@192.0.2.7`. */
export function sipDomain(resolution: SipResolution): string | null {
  return resolution.target.hostKind === "domain" ? resolution.target.host : null;
}

export function questionKey(question: DnsQuestion): string {
  return `${question.name} ${question.type}`;
}

/** Every lookup in the tree once: the NAPTR query, each SRV owner, each host's A and AAAA. */
export function allLookups(resolution: SipResolution): LookupNode<DnsRecord>[] {
  const lookups: LookupNode<DnsRecord>[] = [];
  if (resolution.naptr) lookups.push(resolution.naptr);
  for (const node of Object.values(resolution.srv)) lookups.push(node.lookup);
  for (const host of Object.values(resolution.hosts)) lookups.push(host.a, host.aaaa);
  const seen = new Set<string>();
  return lookups.filter((lookup) => {
    const key = questionKey(lookup.question);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The zone said "nothing here" (as opposed to failing to say anything). */
export function isEmptyAnswer(lookup: LookupNode<unknown>): boolean {
  return lookup.status === "nodata" || lookup.status === "nxdomain";
}

/** The resolver gave an answer about the zone: records, NODATA or NXDOMAIN. */
export function isConclusive(lookup: LookupNode<unknown>): boolean {
  return lookup.status === "answer" || isEmptyAnswer(lookup);
}

export function hostAddresses(host: HostNode): string[] {
  return [...host.a.records.map((r) => r.address), ...host.aaaa.records.map((r) => r.address)];
}

/**
 * No address to connect to, as the zone itself says (both lookups empty): what
 * dns.srv.target-unresolvable, dns.domain.no-address and the discovery tree call "no A or
 * AAAA record". A failed lookup is not this; the resolver rules judge those.
 */
export function hostHasNoAddress(host: HostNode): boolean {
  return hostAddresses(host).length === 0 && isEmptyAnswer(host.a) && isEmptyAnswer(host.aaaa);
}

/** The alias a host's lookups met first, or null: `alias.example.com` -> "sip1.example.com". */
export function hostAlias(host: HostNode): string | null {
  return [...host.a.cnames, ...host.aaaa.cnames][0]?.target ?? null;
}

/**
 * NAPTR records that are valid SIP discovery records, including plaintext ones a sips: client
 * skips: what the zone publishes, for rules comparing NAPTR with SRV.
 */
export function publishedNaptrs(resolution: SipResolution): NaptrNode[] {
  return resolution.naptrRecords.filter((node) => node.problems.length === 0 && node.service !== null);
}

/** The NAPTR records clients act on, in order: a SIP service they know, no problem, not skipped for a sips: URI. */
export function usableNaptrs(resolution: SipResolution): NaptrNode[] {
  return usableNaptrRecords(resolution.naptrRecords).filter((node) => node.service !== null);
}

/** RFC 3403 4.1: order first, then preference; negative when `a` is tried first. */
export function compareNaptr(a: NaptrNode, b: NaptrNode): number {
  return a.record.order - b.record.order || a.record.preference - b.record.preference;
}

/** `wellKnownSrvOwner("tls", "example.com")` is "_sips._tcp.example.com"; undefined for WebSocket (RFC 7118 has none). */
export function wellKnownSrvOwner(transport: Transport, domain: string): string | undefined {
  const prefix = SRV_PREFIX[transport];
  return prefix ? `${prefix}.${domain}` : undefined;
}

/** The legacy, non-RFC 3263 name some vendors publish for SIP over TLS. */
export function legacyTlsSrvOwner(domain: string): string {
  return `${LEGACY_TLS_SRV_PREFIX}.${domain}`;
}

/** Distinct real target hosts of an SRV owner, in client order, without ".". */
export function srvTargetHosts(node: SrvNode): string[] {
  const hosts: string[] = [];
  for (const target of node.targets) {
    if (target.host !== null && !hosts.includes(target.host)) hosts.push(target.host);
  }
  return hosts;
}

export function hasRealTargets(node: SrvNode): boolean {
  return srvTargetHosts(node).length > 0;
}

export function transportName(transport: Transport): string {
  return TRANSPORT_LABEL[transport];
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** One finding per id and subject: the most severe wins, the first seen among equals. */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const finding of findings) {
    const key = `${finding.id}\u0000${finding.subject}`;
    const kept = byKey.get(key);
    if (!kept || SEVERITY_RANK[finding.severity] > SEVERITY_RANK[kept.severity]) byKey.set(key, finding);
  }
  return [...byKey.values()];
}
