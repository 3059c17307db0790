import type { DnsResolver } from "../dns/types";
import type { ProbeTarget, TargetProbes } from "../probe/types";
import { outboundProxyTargets, proxyRoute } from "../register/outbound-proxy";
import { probeRegistration } from "../register/register-probe";
import { schemeFor } from "../register/register-request";
import type { Transport } from "../sip/types";
import { mapWithConcurrency, type ProbeGate, type RegisterPlan } from "./run-probes";

/**
 * With an outbound proxy a phone sends REGISTER to the proxy, not to the registrar's own
 * targets: once per transport the registrar offers (or the one the proxy setting pins), each
 * with a Route naming the proxy. The proxy's address passes the same gate as any target (the
 * edge's SSRF policy). One entry per transport, beside the registrar's own probes.
 */
export async function registerViaProxy(
  plan: RegisterPlan & { outboundProxy: NonNullable<RegisterPlan["outboundProxy"]> },
  registrarTargets: readonly ProbeTarget[],
  sipDomain: string,
  resolver: DnsResolver | undefined,
  options: { timeoutMs: number; signal?: AbortSignal; gate?: ProbeGate; concurrency?: number },
): Promise<TargetProbes[]> {
  const offered = [...new Set(registrarTargets.map((t) => t.transport))];
  const transports = (offered.length > 0 ? offered : plan.opener.transports).filter((t) =>
    plan.opener.transports.includes(t),
  );
  const proxy = plan.outboundProxy;
  const found = await outboundProxyTargets(proxy, transports, sipDomain, resolver, options.signal);
  if (!found.ok)
    return [unresolvedProxy(proxy.host, proxy.transport ?? transports[0] ?? "tcp", sipDomain, found.error)];
  const probeOptions = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  return mapWithConcurrency(found.targets, options.concurrency ?? 3, async (target): Promise<TargetProbes> => {
    const refusal = options.gate?.(target);
    if (refusal) return { target, outboundProxy: true, skipped: refusal };
    if (!plan.opener.transports.includes(target.transport)) {
      return {
        target,
        outboundProxy: true,
        register: {
          target,
          outcome: "error",
          aor: `${schemeFor(target.transport)}:${plan.credentials.user}@${plan.credentials.domain ?? sipDomain}`,
          route: proxyRoute(target),
          requests: 0,
          challenges: [],
          expiresRequestedS: plan.expiresS ?? 0,
          contactSent: "",
          error: `the outbound proxy is set to ${target.transport}, which this vantage point cannot send`,
        },
      };
    }
    const register = await probeRegistration(plan.opener, target, {
      ...probeOptions,
      credentials: plan.credentials,
      route: proxyRoute(target),
      ...(plan.expiresS !== undefined ? { expiresS: plan.expiresS } : {}),
    });
    return { target, outboundProxy: true, register };
  });
}

/** A proxy name that does not resolve: nothing was sent, and the finding says why. */
function unresolvedProxy(host: string, transport: Transport, sipDomain: string, error: string): TargetProbes {
  const target: ProbeTarget = { transport, host, address: host, port: 0, sipDomain };
  return {
    target,
    outboundProxy: true,
    register: {
      target,
      outcome: "unreachable",
      aor: `${schemeFor(transport)}:${sipDomain}`,
      route: proxyRoute(target),
      requests: 0,
      challenges: [],
      expiresRequestedS: 0,
      contactSent: "",
      error,
    },
  };
}
