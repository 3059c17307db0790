import type { Candidate, SipResolution } from "../sip/types";
import { describeCandidate } from "./describe";
import type {
  AttemptStep,
  ClientProfile,
  ProfileAttempt,
  ProfileOutcome,
  ReachabilityOracle,
  RegistrationOutcome,
  TargetExperience,
} from "./types";

/**
 * Plays one client against the resolution and what the probes saw: its attempts in order,
 * each with its cost and whether it is a failover within the transport or a change of
 * transport, then where it registers. `playProfile(LINPHONE_TLS, resolution, oracle)`.
 */
export function playProfile(
  profile: ClientProfile,
  resolution: SipResolution,
  reachability: ReachabilityOracle,
): ProfileOutcome {
  const plan = profile.plan(resolution);
  const attempts: ProfileAttempt[] = [];
  let spentMs = 0;
  let outcome: RegistrationOutcome | undefined;
  const transports = profile.changesTransport ? plan.transports : plan.transports.slice(0, 1);
  const tries = transports.flatMap((candidates, group) =>
    candidates.map((candidate, index) => ({ candidate, group, index })),
  );
  for (const { candidate, group, index } of tries) {
    const step: AttemptStep =
      attempts.length === 0 ? "first" : index === 0 && group > 0 ? "next-transport" : "next-target";
    const seen = reachability(candidate);
    const attempt = judge(profile, candidate, seen, step);
    attempts.push(attempt);
    if (attempt.reachability === "ok" || attempt.reachability === "unknown") {
      const assumed = attempt.reachability === "unknown";
      outcome = { registered: true, candidate, transport: candidate.transport, afterMs: spentMs, assumed };
      break;
    }
    spentMs += attempt.costMs;
    if (stopsHere(profile, attempt, seen)) break;
  }
  const final = outcome ?? { registered: false, afterMs: spentMs, assumed: false };
  const result: ProfileOutcome = {
    profile: profile.id,
    label: profile.label,
    clients: profile.clients,
    verifiesCertificates: profile.verifiesCertificates,
    basis: profile.basis,
    description: profile.description,
    attempts,
    outcome: final,
    summary: summarise(attempts, final),
  };
  if (profile.configuredTransport) result.configuredTransport = profile.configuredTransport;
  if (plan.tie) result.tie = plan.tie;
  return result;
}

/** Whether the client gives up after this failure instead of trying its next target. */
function stopsHere(profile: ClientProfile, attempt: ProfileAttempt, seen: TargetExperience): boolean {
  if (attempt.reachability === "timeout") return !profile.failover.afterTimeout;
  if (seen.closed) return !profile.failover.afterClose;
  return false;
}

/** How this client meets the target: a certificate it rejects is a failure, silence costs its timer. */
function judge(
  profile: ClientProfile,
  candidate: Candidate,
  seen: TargetExperience,
  step: AttemptStep,
): ProfileAttempt {
  const attempt = (reachability: ProfileAttempt["reachability"], costMs: number, why?: string): ProfileAttempt =>
    why ? { candidate, reachability, costMs, step, why } : { candidate, reachability, costMs, step };
  const udp = candidate.transport === "udp";
  switch (seen.reachability) {
    case "ok":
    case "unknown":
      if (seen.certificateRejected)
        return profile.verifiesCertificates
          ? attempt("failed", 0, `${seen.certificateRejected}, which it rejects`)
          : attempt(seen.reachability, 0, `${seen.certificateRejected}, which it does not check`);
      return attempt(seen.reachability, 0);
    case "refused":
      return udp && profile.timers.udpRefusedMs > 0
        ? attempt(
            "refused",
            profile.timers.udpRefusedMs,
            "ICMP port unreachable, which it ignores until its timer fires",
          )
        : attempt("refused", 0, "refused");
    case "timeout": {
      const costMs = udp ? profile.timers.udpSilentMs : profile.timers.tcpSilentMs;
      return attempt("timeout", costMs, `no answer for ${Math.round(costMs / 1000)} s`);
    }
    default:
      if (seen.closed)
        return profile.failover.afterClose
          ? attempt("failed", profile.timers.closedMs, "closes the connection when the request arrives")
          : attempt("failed", 0, "closes the connection when the request arrives, and it retries that target");
      return attempt("failed", 0, seen.detail ?? "failed");
  }
}

/** "Registers over TLS to sip1...:5061 (192.0.2.1) after 32 s, once sip2... timed out." */
function summarise(attempts: readonly ProfileAttempt[], outcome: RegistrationOutcome): string {
  if (attempts.length === 0) return "Finds nothing to register with in DNS.";
  const failed = attempts.filter((a) => a.reachability !== "ok" && a.reachability !== "unknown");
  const late = outcome.afterMs >= 1000 ? ` after about ${Math.round(outcome.afterMs / 1000)} s` : "";
  if (!outcome.registered || !outcome.candidate) {
    const first = failed[0];
    const why = first?.why ? `: ${describeCandidate(first.candidate)}, ${first.why}` : "";
    const count = attempts.length === 1 ? "its only target" : `all ${attempts.length} targets`;
    return `Cannot register: ${count} failed${why}${late ? `, giving up${late}` : ""}.`;
  }
  const verb = outcome.assumed ? "Would register" : "Registers";
  const changed = attempts.some((a) => a.step === "next-transport");
  const after = failed[0]
    ? `, ${changed ? "changing transport" : "failing over"} after ${describeCandidate(failed[0].candidate)}${
        failed.length > 1 ? ` and ${failed.length - 1} more` : ""
      } failed`
    : "";
  const unnoticed = attempts.at(-1)?.why;
  return `${verb} over ${describeCandidate(outcome.candidate)}${late}${after}${unnoticed ? ` without noticing: ${unnoticed}` : ""}.`;
}
