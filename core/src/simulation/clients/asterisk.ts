import { usableNaptrRecords } from "../../sip/naptr";
import type { Candidate, SipResolution, Transport } from "../../sip/types";
import {
  configuredTransportCandidates,
  hostCandidates,
  naptrCandidates,
  naptrTie,
  srvCandidates,
  srvPublished,
  wellKnownOwner,
} from "../discovery";
import type { ClientPlan, ClientProfile } from "../types";
import { ALWAYS_NEXT, TIMER_F_MS } from "./timers";

const SUPPORTED: readonly Transport[] = ["tls", "tcp", "udp"];

/**
 * Asterisk 20 res_pjsip outbound registration to `sip:domain`, with UDP, TCP and TLS transports
 * defined. Asterisk replaces pjproject's resolver with its own (res/res_pjsip/pjsip_resolver.c
 * `sip_resolve`): NAPTR, the three SRV owners and the domain's A/AAAA are asked at once.
 * - NAPTR records are sorted by order then preference with qsort (main/dns_naptr.c), so a tie
 *   comes out in an unspecified order; every usable record of the first order is followed, and
 *   their targets form one list that can mix transports. As read in 20.20.1 (and 23.4.1), only a
 *   SIPS+D2T record marks NAPTR as handled: a zone whose first order has only SIP+D2U/D2T is
 *   resolved from the SRV owners directly, TLS, then TCP, then UDP.
 * - A NAPTR whose SRV owner is empty contributes nothing, and there is no A fallback then.
 * - Without NAPTR: every SRV owner with records, TLS, then TCP, then UDP, in one list; without
 *   any, the domain's address as UDP 5060.
 * - 408 (Timer F) and 503, including pjsip's transport errors, move to the next entry
 *   (res_pjsip.c `ast_sip_failover_request`), so the transport changes when the list mixes them.
 * - pjsip's `verify_server` is off by default.
 * From the source only: Debian has no Asterisk to measure.
 */
function asteriskPlan(resolution: SipResolution): ClientPlan {
  // pjsip resolves a URI that names its transport, port or address for that transport alone (sip_resolve.c).
  const { target } = resolution;
  if (target.transport || target.hostKind !== "domain" || target.port !== undefined)
    return { transports: [configuredTransportCandidates(resolution, "udp")] };
  const usable = usableNaptrRecords(resolution.naptrRecords).filter(
    (n) => n.service && SUPPORTED.includes(n.service.transport) && n.srvOwner,
  );
  const firstOrder = usable.filter((n) => n.record.order === usable[0]?.record.order);
  if (firstOrder.some((n) => n.service?.transport === "tls")) {
    const tie = naptrTie(firstOrder, "Asterisk sorts with qsort, so tied records come in an unspecified order");
    const transports = byTransport(
      firstOrder.flatMap((n) =>
        n.srvOwner && srvPublished(resolution, n.srvOwner) ? naptrCandidates(resolution, n) : [],
      ),
    );
    return tie ? { transports, tie } : { transports };
  }
  const viaSrv = SUPPORTED.flatMap((t) => {
    const owner = wellKnownOwner(resolution, t);
    return owner && srvPublished(resolution, owner) ? srvCandidates(resolution, owner, t) : [];
  });
  return { transports: viaSrv.length > 0 ? byTransport(viaSrv) : [hostCandidates(resolution, "udp")] };
}

/** Consecutive candidates of one transport form one group: moving to the next group changes transport. */
function byTransport(candidates: readonly Candidate[]): Candidate[][] {
  const groups: Candidate[][] = [];
  for (const c of candidates) {
    const last = groups.at(-1);
    if (last?.[0]?.transport === c.transport) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

export const ASTERISK: ClientProfile = {
  id: "asterisk",
  label: "Asterisk (res_pjsip)",
  clients: ["Asterisk 20 res_pjsip outbound registration (pjproject 2.14)"],
  verifiesCertificates: false,
  basis: "source",
  description:
    "asks NAPTR and SRV together and keeps one list of every target, TLS first; moves down that list after any failure, changing transport when it has to; does not check certificates",
  changesTransport: true,
  timers: { udpSilentMs: TIMER_F_MS, udpRefusedMs: TIMER_F_MS, tcpSilentMs: TIMER_F_MS, closedMs: 0 },
  failover: ALWAYS_NEXT,
  plan: asteriskPlan,
};
