import { configuredTransportCandidates, srvPublished, wellKnownOwner } from "../discovery";
import type { ClientProfile } from "../types";
import { ALWAYS_NEXT, TIMER_F_MS } from "./timers";

const PREFERENCE = ["tls", "tcp", "udp"] as const;

/**
 * Snom desk phones (Snom's "Transport protocol" page, seed 000): "If no DNS srv records are
 * present the phone will use UDP by default"; with SRV records "TLS has the highest priority,
 * then TCP. Otherwise UDP is used." Read as: the first transport in TLS, TCP, UDP order whose SRV
 * owner has records, chosen once. The page does not say the phone moves on when that transport
 * fails, nor whether it asks NAPTR: from the document only, not measured.
 */
export const SNOM: ClientProfile = {
  id: "snom",
  label: "Snom desk phone",
  clients: ["Snom D-series desk phones (vendor documentation)"],
  verifiesCertificates: true,
  basis: "document",
  description: "no NAPTR: uses TLS if it has SRV records, else TCP, else UDP; UDP to the domain when there are none",
  changesTransport: false,
  timers: { udpSilentMs: TIMER_F_MS, udpRefusedMs: TIMER_F_MS, tcpSilentMs: TIMER_F_MS, closedMs: 0 },
  failover: ALWAYS_NEXT,
  plan: (resolution) => {
    const chosen = PREFERENCE.find((t) => {
      const owner = wellKnownOwner(resolution, t);
      return owner !== undefined && srvPublished(resolution, owner);
    });
    return { transports: [configuredTransportCandidates(resolution, chosen ?? "udp")] };
  },
};
