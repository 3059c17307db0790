import type { DnsResolver } from "../dns/types";
import { authoritativeInconsistent } from "../findings/rules/authoritative-inconsistent";
import { runDiscoveryRules } from "../findings/rules/index";
import { resolversDisagree } from "../findings/rules/resolvers-disagree";
import { sortFindings } from "../findings/types";
import { fallbackFindings } from "../simulation/fallback-findings";
import { simulateClients } from "../simulation/simulate-clients";
import type { ReachabilityOracle } from "../simulation/types";
import { type ResolveOptions, resolveSipTarget } from "../sip/resolve";
import type { SipTarget } from "../sip/types";
import { type AuthoritativeResolverFactory, findNameServers, surveyAuthoritativeServers } from "./authoritative-survey";
import type { DiscoveryReport } from "./types";

export interface DiscoveryAuditOptions extends ResolveOptions {
  /** Probe results to join into the client simulation; DNS-only when absent. */
  reachability?: ReachabilityOracle;
  /** Also ask each of the zone's authoritative servers directly and compare them. */
  authoritative?: AuthoritativeResolverFactory;
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
  const first = resolvers[0] as DnsResolver;
  // The zone's NS set is found while the walk runs; the servers are asked once the walk knows the names.
  const nameServers =
    options.authoritative && target.hostKind === "domain" ? findNameServers(target.host, first, options) : undefined;
  const [resolution, ...alternates] = await Promise.all(resolvers.map((r) => resolveSipTarget(target, r, options)));
  if (!resolution) throw new Error("unreachable: no resolution");
  const authoritative =
    nameServers && options.authoritative
      ? await surveyAuthoritativeServers(resolution, await nameServers, options.authoritative, options)
      : undefined;
  const profiles = simulateClients(resolution, options.reachability);
  const findings = sortFindings([
    ...runDiscoveryRules(resolution),
    ...fallbackFindings(resolution, profiles),
    ...(alternates.length > 0 ? resolversDisagree([resolution, ...alternates]) : []),
    ...(authoritative ? authoritativeInconsistent(authoritative) : []),
  ]);
  const status = findings.some((f) => f.severity === "critical")
    ? "critical"
    : findings.some((f) => f.severity === "warning")
      ? "warning"
      : "ok";
  const report: DiscoveryReport = {
    schema: "sipwatch.discovery/1",
    target,
    resolution,
    alternates,
    profiles,
    findings,
    status,
  };
  if (authoritative) report.authoritative = authoritative;
  return report;
}

/** True when the resolver answered nothing at all: the audit says nothing about the zone. */
export function resolverUnreachable(report: DiscoveryReport): string | null {
  const { queries } = report.resolution;
  if (queries.length === 0 || queries.some((q) => q.outcome !== "error")) return null;
  const first = Object.values(report.resolution.hosts)[0]?.a.error ?? report.resolution.naptr?.error ?? "no answer";
  return `resolver ${report.resolution.resolver} gave no usable answer (${first})`;
}
