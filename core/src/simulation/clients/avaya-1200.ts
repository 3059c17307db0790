import { configuredTransportCandidates, namedTransport } from "../discovery";
import type { ClientProfile } from "../types";
import { ALWAYS_NEXT, TIMER_F_MS } from "./timers";

/**
 * Avaya 1200 series desk phones with UDP and TCP enabled (SIP Software for Avaya 1200 Series IP
 * Deskphones, Administration, March 2015, table 89): "establishes a connection to the server
 * using TCP. If the server does not accept incoming requests on TCP, it takes approximately
 * thirty seconds for the initial connection attempt to fail, and then the IP Deskphone attempts
 * to contact the server using UDP." The manual says nothing of NAPTR; SRV per transport is
 * assumed, as for the other desk phones. From the document only: not measured.
 */
export const AVAYA_1200: ClientProfile = {
  id: "avaya-1200",
  label: "Avaya 1200 desk phone",
  clients: ["Avaya 1200 series IP Deskphone, SIP software (vendor documentation, 2015)"],
  verifiesCertificates: true,
  basis: "document",
  description: "set to UDP and TCP: tries TCP, waits about 30 s when TCP does not answer, then changes to UDP",
  changesTransport: true,
  timers: { udpSilentMs: TIMER_F_MS, udpRefusedMs: TIMER_F_MS, tcpSilentMs: 30_000, closedMs: 0 },
  failover: ALWAYS_NEXT,
  plan: (resolution) => ({
    // A URI naming its transport leaves the phone nothing to change to.
    transports: namedTransport(resolution.target)
      ? [configuredTransportCandidates(resolution, "tcp")]
      : [configuredTransportCandidates(resolution, "tcp"), configuredTransportCandidates(resolution, "udp")],
  }),
};
