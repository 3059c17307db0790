import { type ResponseHandling, statusVerdict } from "../probe/response-handling";
import type { TargetProbes } from "../probe/types";
import type { RegistrationResult } from "../register/types";
import type { ReachabilityOracle, TargetExperience } from "../simulation/types";
import { verificationProblem } from "../tls/chain";
import { probeKey } from "./probe-plan";

const CERTIFICATE_WORDS: Record<string, string> = {
  expired: "certificate expired",
  "not-yet-valid": "certificate not yet valid",
  "name-mismatch": "certificate names another host",
  "self-signed": "certificate self-signed",
  "issuer-missing": "certificate chain incomplete",
  "unknown-issuer": "certificate from an unknown authority",
};

/**
 * What a phone meets at each probed target: an answered OPTIONS (even 4xx: the server is
 * there, it just wants authentication) is reachable; 5xx (503: maintenance) is a failure; a
 * certificate a verifying client rejects is noted, for each client to judge; silence costs the
 * client's timer.
 */
export function reachabilityFromProbes(
  probes: readonly TargetProbes[],
  handling?: ResponseHandling,
): ReachabilityOracle {
  const byKey = new Map(probes.map((p) => [probeKey(p.target), experience(p, handling)]));
  return (candidate) => byKey.get(probeKey(candidate)) ?? { reachability: "unknown" };
}

function experience(probe: TargetProbes, handling: ResponseHandling | undefined): TargetExperience {
  const met = transportExperience(probe, handling);
  return probe.register && met.reachability === "ok" ? registrationExperience(probe.register, met, handling) : met;
}

/**
 * Where a REGISTER with the monitor's test account ran, it decides, not OPTIONS: a phone is
 * registered only when the registrar took its REGISTER. The sentences then say which phones
 * would register, from a real registration rather than a ping.
 */
function registrationExperience(
  register: RegistrationResult,
  met: TargetExperience,
  handling: ResponseHandling | undefined,
): TargetExperience {
  if (register.outcome === "registered" || register.outcome === "no-contact-in-200") return met;
  const status = register.status !== undefined ? ` (${`${register.status} ${register.reason ?? ""}`.trim()})` : "";
  if (register.status !== undefined && statusVerdict(register.status, handling?.register) === "up") return met;
  if (register.outcome === "timeout") return { ...met, reachability: "timeout", detail: "no answer to REGISTER" };
  return {
    ...met,
    reachability: "failed",
    detail: `REGISTER ${REGISTER_WORDS[register.outcome] ?? register.outcome}${status}`,
  };
}

const REGISTER_WORDS: Partial<Record<RegistrationResult["outcome"], string>> = {
  "credentials-rejected": "rejects the credentials",
  "challenge-loop": "challenged without end",
  "unsupported-challenge": "challenged with a scheme phones cannot answer",
  refused: "refused",
  "interval-too-brief": "refused as too brief twice",
  "connection-refused": "connection refused",
};

function transportExperience(probe: TargetProbes, handling: ResponseHandling | undefined): TargetExperience {
  const { tcp, tls, sip } = probe;
  if (tcp && tcp.outcome !== "connected") return { reachability: fromConnect(tcp.outcome), detail: tcp.outcome };
  let certificateRejected: string | undefined;
  if (tls) {
    if (tls.outcome === "refused" || tls.outcome === "timeout")
      return { reachability: tls.outcome, detail: tls.outcome };
    if (tls.outcome !== "connected") return { reachability: "failed", detail: "TLS handshake failed" };
    if (tls.verification && !tls.verification.trusted)
      certificateRejected = CERTIFICATE_WORDS[verificationProblem(tls.verification.error)] ?? "certificate rejected";
  }
  const seen = (reachability: TargetExperience["reachability"], detail?: string): TargetExperience => ({
    reachability,
    ...(detail ? { detail } : {}),
    ...(certificateRejected ? { certificateRejected } : {}),
  });
  if (!sip) return seen(tcp || tls ? "ok" : "unknown");
  switch (sip.outcome) {
    case "answered": {
      const status = sip.response?.status ?? 500;
      const verdict = statusVerdict(status, handling?.options);
      if (verdict === "up") return seen("ok");
      if (verdict === "maintenance") return seen("failed", `answers ${status} (maintenance)`);
      return status >= 500 ? seen("failed", `answers ${status}`) : seen("ok");
    }
    case "timeout":
      return seen("timeout", "no SIP answer");
    case "refused":
      return seen("refused", "refused");
    case "reset":
      return { ...seen("failed", "closes the connection"), closed: true };
    default:
      return seen("failed", `SIP ${sip.outcome}`);
  }
}

function fromConnect(outcome: string): TargetExperience["reachability"] {
  return outcome === "refused" ? "refused" : outcome === "timeout" ? "timeout" : "failed";
}
