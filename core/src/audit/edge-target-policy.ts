import { addressScope } from "../findings/address-scope";
import { endpointSubject } from "../findings/probe-rules/probe-facts";
import type { Finding } from "../findings/types";
import type { TargetProbes } from "../probe/types";
import type { ProbeGate } from "./run-probes";

export interface EdgeTargetPolicyOptions {
  /** The local lab serves its SIP servers on 127.0.0.1: loopback (and only loopback) is allowed there. */
  allowLoopback: boolean;
}

/**
 * The edge's SSRF guard: a customer's DNS must not make sipwatch connect to addresses inside
 * anyone's network (RFC 1918, ULA fc00::/7, loopback, link-local, CGNAT 100.64/10, multicast,
 * unspecified, reserved, documentation; IPv4-mapped IPv6 judged as its IPv4 address).
 * Production Workers refuse most of these anyway; the policy makes the refusal a reported fact
 * instead of a confusing connect error. Private targets are what agents are for.
 * Example: `runProbes(targets, probers, { timeoutMs, gate: edgeTargetPolicy({ allowLoopback: false }) })`.
 */
export function edgeTargetPolicy(options: EdgeTargetPolicyOptions): ProbeGate {
  return (target) => {
    const scope = addressScope(target.address);
    if (scope === "public") return null;
    if (scope === "loopback" && options.allowLoopback) return null;
    return { reason: "not-public", scope };
  };
}

/**
 * edge.target.private: targets the edge refused to probe. Info: the discovery rule
 * dns.address.private-in-public already judges what phones suffer; this one says why the edge
 * has no probe result for the target and that an agent inside the network can check it.
 */
export function skippedTargetFindings(probes: readonly TargetProbes[]): Finding[] {
  const bySubject = new Map<string, TargetProbes[]>();
  for (const probe of probes) {
    if (!probe.skipped) continue;
    const subject = endpointSubject(probe.target);
    bySubject.set(subject, [...(bySubject.get(subject) ?? []), probe]);
  }
  return [...bySubject].map(([subject, skipped]) => {
    const addresses = skipped.map((p) => `${p.target.address} (${p.skipped?.scope})`);
    return {
      id: "edge.target.private",
      severity: "info",
      title: `${subject} was not probed: it resolves to a non-public address`,
      detail: `sipwatch does not connect from the cloud to private, loopback, link-local, CGNAT, multicast, reserved or documentation addresses (${addresses.join(", ")}), so this monitor has no cloud result for that server. Phones on the internet cannot reach it either.`,
      fix: "If the server is meant to be internal, run a sipwatch agent inside that network to watch it; if it should be public, publish its public address in DNS.",
      subject,
      evidence: {
        targets: skipped.map((p) => ({
          transport: p.target.transport,
          address: p.target.address,
          port: p.target.port,
          scope: p.skipped?.scope,
        })),
      },
    } satisfies Finding;
  });
}
