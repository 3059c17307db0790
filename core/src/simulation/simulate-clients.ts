import type { SipResolution } from "../sip/types";
import { CLIENT_PROFILES } from "./clients/index";
import { playProfile } from "./play-profile";
import type { ProfileOutcome, ReachabilityOracle } from "./types";

const DNS_ONLY: ReachabilityOracle = () => ({ reachability: "unknown" });

/**
 * Plays every modelled client against the resolution (and probe results, when there are some)
 * and says what each will do: `simulateClients(resolution)` for a DNS-only audit,
 * `simulateClients(resolution, probes)` once transports were probed.
 */
export function simulateClients(
  resolution: SipResolution,
  reachability: ReachabilityOracle = DNS_ONLY,
): ProfileOutcome[] {
  return CLIENT_PROFILES.map((profile) => playProfile(profile, resolution, reachability));
}
