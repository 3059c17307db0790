import { hostCandidates, namedTransport } from "../discovery";
import type { ClientProfile } from "../types";
import { ALWAYS_NEXT, RFC_TIMERS } from "./timers";

/**
 * The oldest and still common setup: a phone given the domain as "server" and UDP, with no
 * NAPTR or SRV support (or with it turned off): UDP 5060 to the domain's own address.
 */
export const FIXED_UDP: ClientProfile = {
  id: "fixed-udp",
  label: "Fixed UDP phone",
  clients: ["any phone set to the domain over UDP without DNS SRV (for example Snom with SRV off)"],
  configuredTransport: "udp",
  verifiesCertificates: false,
  basis: "rfc",
  description: "set to the domain and UDP, without NAPTR or SRV: UDP 5060 to the domain's own address",
  changesTransport: false,
  timers: RFC_TIMERS,
  failover: ALWAYS_NEXT,
  plan: (resolution) => ({ transports: [hostCandidates(resolution, namedTransport(resolution.target) ?? "udp")] }),
};
