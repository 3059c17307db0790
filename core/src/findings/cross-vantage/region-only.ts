import type { RunSummary } from "../../history/types";
import { formatHostPort } from "../../sip/host-port";
import { TRANSPORT_LABEL } from "../../sip/transports";
import type { Transport } from "../../sip/types";
import type { Finding } from "../types";

/** The latest run of one vantage point of a monitor. */
export interface VantageRun {
  vantageId: string;
  summary: RunSummary;
}

/**
 * vantage.region-only: a server (transport, host, port) answers from some regions and not from
 * others, over each region's latest run. Runs that errored and targets a region skipped say
 * nothing either way. Typical causes: geo-blocking firewalls, anycast or a provider's regional
 * outage, a DDoS filter. `regionOnly(latestRunPerRegion)`.
 */
export function regionOnly(runs: readonly VantageRun[]): Finding[] {
  const endpoints = new Map<
    string,
    { transport: Transport; host: string; port: number; ok: Set<string>; failing: Map<string, string> }
  >();
  for (const { vantageId, summary } of runs) {
    if (summary.status === "error") continue;
    const seen = new Map<string, { ok: boolean; outcome: string }>();
    for (const t of summary.targets) {
      if (t.outcome.startsWith("skipped-")) continue;
      const key = `${t.transport} ${formatHostPort(t.host, t.port)}`;
      const entry = endpoints.get(key) ?? {
        transport: t.transport,
        host: t.host,
        port: t.port,
        ok: new Set(),
        failing: new Map(),
      };
      endpoints.set(key, entry);
      // A server works from a region when any of its addresses answered there.
      const was = seen.get(key);
      seen.set(key, { ok: (was?.ok ?? false) || t.outcome === "ok", outcome: was?.outcome ?? t.outcome });
    }
    for (const [key, verdict] of seen) {
      const entry = endpoints.get(key);
      if (!entry) continue;
      if (verdict.ok) entry.ok.add(vantageId);
      else entry.failing.set(vantageId, verdict.outcome);
    }
  }
  const findings: Finding[] = [];
  for (const [subject, e] of endpoints) {
    if (e.ok.size === 0 || e.failing.size === 0) continue;
    const failing = [...e.failing.keys()].sort();
    const working = [...e.ok].sort();
    const name = TRANSPORT_LABEL[e.transport];
    findings.push({
      id: "vantage.region-only",
      severity: "warning",
      title: `${name} server ${formatHostPort(e.host, e.port)} fails from ${failing.map(regionName).join(", ")} only`,
      detail: `Phones near ${failing.map(regionName).join(", ")} cannot use ${subject} (${[...e.failing].map(([v, o]) => `${regionName(v)}: ${o}`).join("; ")}), while it answers from ${working.map(regionName).join(", ")}. Users in those parts of the world fall back to another server or transport, or fail.`,
      fix: "Check firewall and DDoS-protection rules for country or network blocks, your provider's status in those regions, and anycast or geo-DNS routing for the failing regions.",
      subject,
      evidence: { failing: Object.fromEntries(e.failing), working },
    });
  }
  return findings;
}

/** "region:weur" -> "weur"; agents keep their id. */
export function regionName(vantageId: string): string {
  return vantageId.startsWith("region:") ? vantageId.slice("region:".length) : vantageId;
}
