import type { DnsQuestion } from "../../dns/types";
import type { SipResolution } from "../../sip/types";
import { formatRecord } from "../record-text";
import type { Finding } from "../types";
import { allLookups, isConclusive, questionKey } from "./resolution-facts";

/**
 * dns.resolver.disagree: the same SIP domain resolved through several resolvers (public ones,
 * or one per region) and some question got different record sets, TTLs aside. Propagation lag,
 * geo-DNS or a broken secondary. Example: `resolversDisagree([viaCloudflare, viaGoogle])`.
 */
export function resolversDisagree(resolutions: readonly SipResolution[]): Finding[] {
  const byDomain = new Map<string, SipResolution[]>();
  for (const resolution of resolutions) {
    const group = byDomain.get(resolution.target.host) ?? [];
    // One view per resolver: a second run through the same resolver is not a second opinion.
    if (!group.some((other) => other.resolver === resolution.resolver)) group.push(resolution);
    byDomain.set(resolution.target.host, group);
  }
  const findings: Finding[] = [];
  for (const group of byDomain.values()) {
    if (group.length < 2) continue;
    const answers = new Map<string, { question: DnsQuestion; byResolver: Map<string, string[]> }>();
    for (const resolution of group) {
      // Timeouts and SERVFAIL are not an opinion about the zone; the resolver rules report them.
      for (const lookup of allLookups(resolution).filter(isConclusive)) {
        const key = questionKey(lookup.question);
        const entry = answers.get(key) ?? { question: lookup.question, byResolver: new Map() };
        const records = lookup.records.map(formatRecord).sort();
        entry.byResolver.set(resolution.resolver, records.length > 0 ? records : [`(${lookup.status})`]);
        answers.set(key, entry);
      }
    }
    for (const [key, { question, byResolver }] of answers) {
      const distinct = new Set([...byResolver.values()].map((records) => records.join("\n")));
      if (byResolver.size < 2 || distinct.size < 2) continue;
      const views = [...byResolver].map(([resolver, records]) => `${resolver}: ${records.join(", ")}`);
      findings.push({
        id: "dns.resolver.disagree",
        severity: "warning",
        title: `Resolvers disagree on ${question.name} ${question.type}`,
        detail: `Depending on the resolver their network uses, phones get different answers (${views.join("; ")}), so some reach other servers or none. Usually propagation after a change, geo-DNS, or an authoritative secondary that stopped updating.`,
        fix: `If the zone changed recently, wait one TTL and re-check; otherwise compare the SOA serial on every authoritative server and repair zone transfers to the one that lags.`,
        subject: key,
        evidence: { question, answers: Object.fromEntries(byResolver) },
      });
    }
  }
  return findings;
}
