import { usableNaptrRecords } from "../../sip/naptr";
import { TRANSPORT_PREFERENCE } from "../../sip/transports";
import type { SipResolution } from "../../sip/types";
import { configuredTransportCandidates, followFirstNaptr, srvPublished, wellKnownOwner } from "../discovery";
import type { ClientPlan, ClientProfile } from "../types";
import { ALWAYS_NEXT, RFC_TIMERS } from "./timers";

/**
 * The letter of RFC 3263. 4.1: the transport comes from the first NAPTR record (order, then
 * preference) the client supports; without NAPTR, from the SRV owners that answer (the client
 * "MAY use any transport protocol it desires which is supported by the server": TLS, then TCP,
 * then UDP here, the most secure first); without either, UDP (TLS for sips:). 4.2: SRV for
 * that transport, and when the SRV lookup finds nothing, the domain's own A/AAAA on the
 * transport's default port; a NAPTR whose SRV owner is empty leads there too, the RFC never
 * says to try the next NAPTR. 4.3: on failure "the next element" of that list: the transport is
 * chosen once.
 */
function rfc3263Plan(resolution: SipResolution): ClientPlan {
  const { target } = resolution;
  const fallback = target.scheme === "sips" ? "tls" : "udp";
  if (resolution.branch === "naptr") {
    const plan = followFirstNaptr(
      resolution,
      usableNaptrRecords(resolution.naptrRecords),
      "RFC 3403 leaves the choice open; this model takes the first as sorted",
    );
    if (plan) return plan;
  }
  if (target.transport) return { transports: [configuredTransportCandidates(resolution, target.transport)] };
  const offered = TRANSPORT_PREFERENCE.find((t) => {
    const owner = wellKnownOwner(resolution, t);
    return owner !== undefined && srvPublished(resolution, owner) && (target.scheme === "sip" || t === "tls");
  });
  return { transports: [configuredTransportCandidates(resolution, offered ?? fallback)] };
}

export const RFC3263_CLIENT: ClientProfile = {
  id: "rfc3263",
  label: "RFC 3263 client",
  clients: ["RFC 3263 as written"],
  verifiesCertificates: true,
  basis: "rfc",
  description:
    "follows NAPTR, then SRV, then the domain's address; chooses the transport once and fails over only between targets of that transport",
  changesTransport: false,
  timers: RFC_TIMERS,
  failover: ALWAYS_NEXT,
  plan: rfc3263Plan,
};
