import type { DnsResolver } from "../dns/types";
import { runProbeRules } from "../findings/probe-rules/index";
import { authoritativeInconsistent } from "../findings/rules/authoritative-inconsistent";
import { runDiscoveryRules } from "../findings/rules/index";
import { resolversDisagree } from "../findings/rules/resolvers-disagree";
import { sortFindings } from "../findings/types";
import type { ResponseHandling } from "../probe/response-handling";
import { fallbackFindings } from "../simulation/fallback-findings";
import { simulateClients } from "../simulation/simulate-clients";
import type { ReachabilityOracle } from "../simulation/types";
import { type ResolveOptions, resolveSipTarget } from "../sip/resolve";
import type { SipTarget } from "../sip/types";
import { type AuthoritativeResolverFactory, findNameServers, surveyAuthoritativeServers } from "./authoritative-survey";
import { skippedTargetFindings } from "./edge-target-policy";
import { probeTargetsFor } from "./probe-plan";
import { reachabilityFromProbes } from "./probe-reachability";
import { registerViaProxy } from "./register-via-proxy";
import { type ProbeGate, type Probers, type RegisterPlan, runProbes } from "./run-probes";
import type { AuditReport } from "./types";

export interface AuditOptions extends ResolveOptions {
  /** Probe results to join into the client simulation; DNS-only when absent. */
  reachability?: ReachabilityOracle;
  /** Development against the local lab: its servers listen on loopback, so loopback answers are expected. */
  loopbackIsLab?: boolean;
  /** Also ask each of the zone's authoritative servers directly and compare them. */
  authoritative?: AuthoritativeResolverFactory;
  /** Probe every target clients may use (TCP, TLS and certificate, SIP OPTIONS); DNS-only without. */
  probe?: {
    probers: Probers;
    timeoutMs: number;
    concurrency?: number;
    /** transport.sip.slow threshold. */
    slowMs?: number;
    /** Which targets may be probed from this vantage (the edge refuses private addresses: SSRF). */
    gate?: ProbeGate;
    /** REGISTER with a test account on each reachable target (core/src/register). */
    register?: RegisterPlan;
    /** Which OPTIONS and REGISTER statuses the monitor counts as up or as maintenance. */
    responseHandling?: ResponseHandling;
  };
}

/**
 * Resolves the target through every resolver at once, runs the discovery rules on the first
 * resolver's tree, compares the trees, probes the targets when asked, and plays the client
 * profiles against what answered:
 * `await auditSipTarget(target, [new DohResolver({ endpoints })])`.
 */
export async function auditSipTarget(
  target: SipTarget,
  resolvers: readonly DnsResolver[],
  options: AuditOptions = {},
): Promise<AuditReport> {
  if (resolvers.length === 0) throw new Error("auditSipTarget needs at least one resolver");
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
  const probeTargets = probeTargetsFor(resolution);
  const probeSettings = options.probe && {
    timeoutMs: options.probe.timeoutMs,
    ...(options.probe.concurrency ? { concurrency: options.probe.concurrency } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.probe.gate ? { gate: options.probe.gate } : {}),
  };
  const registrarProbes =
    options.probe && probeSettings
      ? await runProbes(probeTargets, options.probe.probers, {
          ...probeSettings,
          ...(options.probe.register ? { register: options.probe.register } : {}),
        })
      : undefined;
  const plan = options.probe?.register;
  const proxyProbes =
    plan?.outboundProxy && probeSettings
      ? await registerViaProxy(
          { ...plan, outboundProxy: plan.outboundProxy },
          probeTargets,
          resolution.target.host,
          first,
          probeSettings,
        )
      : [];
  const probes = registrarProbes ? [...registrarProbes, ...proxyProbes] : undefined;
  const handling = options.probe?.responseHandling;
  // Phones are simulated against the registrar's own targets; the proxy's entries have their findings.
  const reachability = registrarProbes ? reachabilityFromProbes(registrarProbes, handling) : options.reachability;
  const profiles = simulateClients(resolution, reachability);
  const now = options.now?.() ?? new Date();
  const findings = sortFindings([
    ...runDiscoveryRules(resolution, { loopbackIsLab: options.loopbackIsLab ?? false }),
    ...fallbackFindings(resolution, profiles),
    ...(alternates.length > 0 ? resolversDisagree([resolution, ...alternates]) : []),
    ...(authoritative ? authoritativeInconsistent(authoritative) : []),
    ...(probes
      ? runProbeRules({
          resolution,
          probes,
          now,
          slowMs: options.probe?.slowMs ?? 1000,
          ...(handling ? { responseHandling: handling } : {}),
          ...(options.probe?.register?.expectContact ? { expectContact: options.probe.register.expectContact } : {}),
        })
      : []),
    ...(probes ? skippedTargetFindings(probes) : []),
  ]);
  const status = findings.some((f) => f.severity === "critical")
    ? "critical"
    : findings.some((f) => f.severity === "warning")
      ? "warning"
      : "ok";
  const report: AuditReport = {
    schema: "sipwatch.audit/1",
    target,
    resolution,
    alternates,
    profiles,
    findings,
    status,
  };
  if (authoritative) report.authoritative = authoritative;
  if (probes) report.probes = probes;
  return report;
}

/** True when the resolver answered nothing at all: the audit says nothing about the zone. */
export function resolverUnreachable(report: AuditReport): string | null {
  const { queries } = report.resolution;
  if (queries.length === 0 || queries.some((q) => q.outcome !== "error")) return null;
  const first = Object.values(report.resolution.hosts)[0]?.a.error ?? report.resolution.naptr?.error ?? "no answer";
  return `resolver ${report.resolution.resolver} gave no usable answer (${first})`;
}
