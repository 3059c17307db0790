import { type RecordSet, recordSetKey } from "../../history/index";
import type { Finding } from "../types";
import { regionName } from "./region-only";

/** The record sets in force (latest snapshot) at one vantage point. */
export interface VantageRecordSets {
  vantageId: string;
  recordSets: readonly RecordSet[];
}

const CONCLUSIVE = new Set(["answer", "nodata", "nxdomain"]);

/**
 * dns.resolver.disagree across vantage points: the same question got different record sets
 * from different regions' latest snapshots. Geo-DNS does this on purpose; a lagging secondary
 * or a half-finished migration does it by accident. Timeouts and SERVFAIL are not an opinion.
 */
export function vantagesDisagree(views: readonly VantageRecordSets[]): Finding[] {
  const byQuestion = new Map<string, { name: string; type: string; byVantage: Map<string, string[]> }>();
  for (const view of views) {
    for (const set of view.recordSets) {
      if (!CONCLUSIVE.has(set.status)) continue;
      const key = recordSetKey(set);
      const entry = byQuestion.get(key) ?? { name: set.name, type: set.type, byVantage: new Map() };
      entry.byVantage.set(view.vantageId, set.data.length > 0 ? [...set.data].sort() : [`(${set.status})`]);
      byQuestion.set(key, entry);
    }
  }
  const findings: Finding[] = [];
  for (const [key, { name, type, byVantage }] of byQuestion) {
    const distinct = new Set([...byVantage.values()].map((d) => d.join("\n")));
    if (byVantage.size < 2 || distinct.size < 2) continue;
    const views = [...byVantage].map(([v, data]) => `${regionName(v)}: ${data.join(", ")}`);
    findings.push({
      id: "dns.resolver.disagree",
      severity: "warning",
      title: `Regions see different answers for ${name} ${type}`,
      detail: `Depending on where they are, phones get different answers (${views.join("; ")}), so some reach other servers or none. Intended with geo-DNS; otherwise usually propagation after a change or an authoritative secondary that stopped updating.`,
      fix: "If you do not use geo-DNS on purpose, compare the SOA serial on every authoritative server and repair zone transfers to the one that lags; after a recent change, wait one TTL and re-check.",
      subject: key,
      evidence: { question: { name, type }, answers: Object.fromEntries(byVantage) },
    });
  }
  return findings;
}
