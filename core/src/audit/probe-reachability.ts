import type { TargetProbes } from "../probe/types";
import type { Reachability, ReachabilityOracle } from "../simulation/types";
import { probeKey } from "./probe-plan";

/**
 * What a phone experiences at each probed target: an answered OPTIONS (even 4xx: the server
 * is there, it just wants authentication) is reachable; 5xx (503: maintenance) is a failure;
 * a TLS certificate a verifying phone rejects is a failure; silence costs the client's timer.
 */
export function reachabilityFromProbes(probes: readonly TargetProbes[]): ReachabilityOracle {
  const byKey = new Map(probes.map((p) => [probeKey(p.target), judge(p)]));
  return (candidate) => byKey.get(probeKey(candidate)) ?? "unknown";
}

function judge(probe: TargetProbes): Reachability {
  const { tcp, tls, sip } = probe;
  if (tcp && tcp.outcome !== "connected") return fromConnect(tcp.outcome);
  if (tls) {
    if (tls.outcome === "refused" || tls.outcome === "timeout") return tls.outcome;
    if (tls.outcome !== "connected") return "failed";
    if (tls.verification && !tls.verification.trusted) return "failed";
  }
  if (!sip) return tcp || tls ? "ok" : "unknown";
  switch (sip.outcome) {
    case "answered":
      return (sip.response?.status ?? 500) >= 500 ? "failed" : "ok";
    case "timeout":
      return "timeout";
    case "refused":
      return "refused";
    default:
      return "failed";
  }
}

function fromConnect(outcome: string): Reachability {
  return outcome === "refused" ? "refused" : outcome === "timeout" ? "timeout" : "failed";
}
