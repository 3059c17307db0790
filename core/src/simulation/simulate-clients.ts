import type { SipResolution } from "../sip/types";
import { describeCandidate } from "./describe";
import { PROFILES } from "./profiles";
import type { ProfileAttempt, ProfileOutcome, ReachabilityOracle } from "./types";

const DNS_ONLY: ReachabilityOracle = () => "unknown";

/**
 * Plays each client profile against the resolution (and probe results, when there are some)
 * and says where it ends up: `simulateClients(resolution)` for a DNS-only audit,
 * `simulateClients(resolution, probes)` once transports were probed.
 */
export function simulateClients(
  resolution: SipResolution,
  reachability: ReachabilityOracle = DNS_ONLY,
): ProfileOutcome[] {
  return PROFILES.map((profile) => {
    const attempts: ProfileAttempt[] = [];
    let delayMs = 0;
    const groups = profile.groups(resolution);
    for (const [index, group] of groups.entries()) {
      let lastTimedOut = false;
      for (const candidate of group) {
        const seen = reachability(candidate);
        if (seen === "ok" || seen === "unknown") {
          attempts.push({ candidate, reachability: seen, costMs: 0 });
          const assumed = seen === "unknown";
          return {
            profile: profile.id,
            label: profile.label,
            description: profile.description,
            reached: true,
            final: candidate,
            assumed,
            delayMs,
            attempts,
            summary: `${assumed ? "Would use" : "Uses"} ${describeCandidate(candidate)}${failedBefore(attempts)}${
              delayMs > 0 ? `, about ${Math.round(delayMs / 1000)} s late` : ""
            }.`,
          };
        }
        const costMs = seen === "timeout" ? profile.timeoutCostMs : 0;
        attempts.push({ candidate, reachability: seen, costMs });
        delayMs += costMs;
        lastTimedOut = seen === "timeout";
      }
      if (lastTimedOut && index < groups.length - 1) delayMs += profile.delayBetweenGroupsMs;
    }
    return {
      profile: profile.id,
      label: profile.label,
      description: profile.description,
      reached: false,
      assumed: false,
      delayMs,
      attempts,
      summary:
        attempts.length === 0
          ? "Finds nothing to connect to in DNS."
          : `Tries ${attempts.length} target${attempts.length === 1 ? "" : "s"} and reaches none.`,
    };
  });
}

const FAILURE_WORDS: Record<string, string> = { refused: "was refused", timeout: "timed out", failed: "failed" };

/** ", after TLS to sip1.example.com:5061 (192.0.2.1) failed" — why the client is not on its first choice. */
function failedBefore(attempts: readonly ProfileAttempt[]): string {
  const failed = attempts.filter((a) => a.reachability !== "ok" && a.reachability !== "unknown");
  const first = failed[0];
  if (!first) return "";
  const more = failed.length > 1 ? ` and ${failed.length - 1} more target${failed.length > 2 ? "s" : ""}` : "";
  return `, after ${describeCandidate(first.candidate)}${more} ${FAILURE_WORDS[first.reachability] ?? "failed"}`;
}
