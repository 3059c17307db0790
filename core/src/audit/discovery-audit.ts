import type { DnsResolver } from "../dns/types";
import { runDiscoveryRules } from "../findings/rules/index";
import { resolversDisagree } from "../findings/rules/resolvers-disagree";
import { sortFindings } from "../findings/types";
import { fallbackFindings } from "../simulation/fallback-findings";
import { simulateClients } from "../simulation/simulate-clients";
import type { ReachabilityOracle } from "../simulation/types";
import { type ResolveOptions, resolveSipTarget } from "../sip/resolve";
import type { SipTarget } from "../sip/types";
import type { DiscoveryReport } from "./types";

export interface DiscoveryAuditOptions extends ResolveOptions {
  /** Probe results to join into the client simulation; DNS-only when absent. */
  reachability?: ReachabilityOracle;
}

/**
 * Resolves the target through every resolver at once, runs the discovery rules on the first
 * resolver's tree, compares the trees, and plays the client profiles:
 * `await auditDiscovery(target, [new DohResolver({ endpoints })])`.
 */
export async function auditDiscovery(
  target: SipTarget,
  resolvers: readonly DnsResolver[],
  options: DiscoveryAuditOptions = {},
): Promise<DiscoveryReport> {
  if (resolvers.length === 0) throw new Error("auditDiscovery needs at least one resolver");
  const [resolution, ...alternates] = await Promise.all(resolvers.map((r) => resolveSipTarget(target, r, options)));
  if (!resolution) throw new Error("unreachable: no resolution");
  const profiles = simulateClients(resolution, options.reachability);
  const findings = sortFindings([
    ...runDiscoveryRules(resolution),
    ...fallbackFindings(resolution, profiles),
    ...(alternates.length > 0 ? resolversDisagree([resolution, ...alternates]) : []),
  ]);
  const status = findings.some((f) => f.severity === "critical")
    ? "critical"
    : findings.some((f) => f.severity === "warning")
      ? "warning"
      : "ok";
  return { schema: "sipwatch.discovery/1", target, resolution, alternates, profiles, findings, status };
}

/** True when the resolver answered nothing at all: the audit says nothing about the zone. */
export function resolverUnreachable(report: DiscoveryReport): string | null {
  const { queries } = report.resolution;
  if (queries.length === 0 || queries.some((q) => q.outcome !== "error")) return null;
  const first = Object.values(report.resolution.hosts)[0]?.a.error ?? report.resolution.naptr?.error ?? "no answer";
  return `resolver ${report.resolution.resolver} gave no usable answer (${first})`;
}
