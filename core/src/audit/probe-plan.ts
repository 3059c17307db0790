import type { ProbeTarget } from "../probe/types";
import { CLIENT_PROFILES } from "../simulation/clients/index";
import type { Candidate, SipResolution } from "../sip/types";

/** Bounds one audit's probing: a zone listing 200 targets must not become 200 probes. */
export const MAX_PROBE_TARGETS = 24;

export const probeKey = (c: { transport: string; address: string; port: number }) =>
  `${c.transport} ${c.address}:${c.port}`;

/**
 * Every (transport, address, port) some client profile may try, strict RFC 3263 order first,
 * so the simulation can replay each profile against real answers.
 */
export function probeTargetsFor(resolution: SipResolution, max = MAX_PROBE_TARGETS): ProbeTarget[] {
  const seen = new Map<string, ProbeTarget>();
  const candidates: Candidate[] = [
    ...resolution.candidates,
    ...CLIENT_PROFILES.flatMap((p) => p.plan(resolution).transports.flat()),
  ];
  for (const c of candidates) {
    const key = probeKey(c);
    if (seen.has(key) || seen.size >= max) continue;
    seen.set(key, {
      transport: c.transport,
      host: c.host,
      address: c.address,
      port: c.port,
      sipDomain: resolution.target.host,
    });
  }
  return [...seen.values()];
}
