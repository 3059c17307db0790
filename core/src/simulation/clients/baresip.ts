import { naptrResponseBytes, PLAIN_UDP_MESSAGE } from "../../dns/message-size";
import type { NaptrNode, SipResolution, Transport } from "../../sip/types";
import {
  configuredTransportCandidates,
  followableNaptr,
  followFirstNaptr,
  hostCandidates,
  namedTransport,
  srvCandidates,
  srvPublished,
  wellKnownOwner,
} from "../discovery";
import type { ClientPlan, ClientProfile, ProfileId } from "../types";
import { ALWAYS_NEXT, TIMER_F_MS } from "./timers";

/** The transports a stock baresip 1.0 listens on (its `sip_listen` with the tls module's certificate optional). */
const SUPPORTED: readonly Transport[] = ["udp", "tcp", "tls"];
/** libre's `transp_next_srv()` asks SRV in descending enum order when there is no NAPTR: TLS, TCP, UDP. */
const SRV_ORDER: readonly Transport[] = ["tls", "tcp", "udp"];

/**
 * libre 1.1 (baresip 1.0), src/sip/request.c. Without `transport=` on the account it asks NAPTR
 * and takes the first record (order, then preference; `dns_rrlist_sort` is a stable sort, so a
 * tie keeps the DNS answer's order) whose service it supports, even UDP ranked above TLS. It
 * follows only that record: an empty SRV owner sends it to the domain's own A/AAAA on that
 * transport's default port (`srv_handler`), not to the next NAPTR. Without NAPTR it asks SRV
 * for TLS, then TCP, then UDP, and takes the first owner with records; with none, UDP 5060 to
 * the domain. A failed target (refused, TLS failure, 32 s without an answer, 503) moves it to the
 * next address or SRV target of the same transport (`response_handler` -> `request_next`); it
 * never changes transport. Its UDP socket is not connected, so ICMP port unreachable is not seen
 * and a refused UDP target costs the whole transaction timer. It does not verify the server's
 * certificate (`tls_alloc` never sets SSL_VERIFY_PEER for SIP).
 */
function baresipPlan(resolution: SipResolution): ClientPlan {
  const { target } = resolution;
  if (target.hostKind !== "domain" || target.port !== undefined)
    return { transports: [hostCandidates(resolution, namedTransport(target) ?? "udp")] };
  // An account URI with `;transport=` skips NAPTR: SRV for that transport, else the domain (request.c).
  if (target.transport) return { transports: [configuredTransportCandidates(resolution, target.transport)] };
  if (resolution.branch === "naptr" && !naptrTruncatedForLibre(resolution)) {
    const records = inAnswerOrder(resolution, followableNaptr(resolution, SUPPORTED));
    const plan = followFirstNaptr(
      resolution,
      records,
      "baresip takes the first of the DNS answer; a server that rotates answers makes it vary",
    );
    if (plan) return plan;
  }
  for (const transport of SRV_ORDER) {
    const owner = wellKnownOwner(resolution, transport);
    if (owner && srvPublished(resolution, owner)) return { transports: [srvCandidates(resolution, owner, transport)] };
  }
  return { transports: [hostCandidates(resolution, "udp")] };
}

/**
 * libre's DNS client reads whatever records a UDP answer holds and ignores the TC bit: it never
 * asks again over TCP (re src/dns/client.c `reply_recv`). Measured with baresip 1.0 (phone zone
 * naptr-40): the 40-record NAPTR answer came back truncated and empty, and baresip went on as if
 * the domain had no NAPTR (SRV for TLS, then TCP, then UDP). The 512-byte limit assumes libre's
 * query carries no EDNS0 buffer size; an answer that big is rare outside a misconfigured zone.
 */
function naptrTruncatedForLibre(resolution: SipResolution): boolean {
  const lookup = resolution.naptr;
  return lookup !== undefined && naptrResponseBytes(lookup.question.name, lookup.records) > PLAIN_UDP_MESSAGE;
}

/** NAPTR records by order and preference, ties left in the order the DNS answer gave them. */
function inAnswerOrder(resolution: SipResolution, records: readonly NaptrNode[]): NaptrNode[] {
  const answer = resolution.naptr?.records ?? [];
  const position = (n: NaptrNode) => answer.indexOf(n.record);
  return [...records].sort(
    (a, b) => a.record.order - b.record.order || a.record.preference - b.record.preference || position(a) - position(b),
  );
}

const BARESIP = ["baresip 1.0 (libre 1.1)"];
/**
 * Measured with baresip 1.0.0 / libre 1.1.0: a silent TCP or TLS target and a server that closes
 * the connection when the REGISTER arrives both cost the 32 s transaction timer before the next
 * target (libre has no connect timeout, and the close did not end the transaction early); a
 * refused UDP target costs the same, since its unconnected socket never sees the ICMP error.
 */
const TIMERS = { udpSilentMs: TIMER_F_MS, udpRefusedMs: TIMER_F_MS, tcpSilentMs: TIMER_F_MS, closedMs: TIMER_F_MS };

export const BARESIP_AUTO: ClientProfile = {
  id: "baresip",
  label: "baresip",
  clients: BARESIP,
  verifiesCertificates: false,
  basis: "measured",
  description:
    "asks NAPTR and follows its first record, even UDP ranked above TLS; without NAPTR, SRV for TLS, TCP, then UDP; fails over between targets, never changes transport; does not check certificates",
  changesTransport: false,
  timers: TIMERS,
  failover: ALWAYS_NEXT,
  plan: baresipPlan,
};

/**
 * baresip with `;transport=tcp` or `;transport=tls` on the account: no NAPTR, SRV for that
 * transport only, else the domain on the default port (`sip_request` -> `srv_lookup`).
 */
function baresipSetTo(id: ProfileId, configured: "tcp" | "tls"): ClientProfile {
  const name = configured.toUpperCase();
  return {
    id,
    label: `baresip set to ${name}`,
    clients: BARESIP,
    configuredTransport: configured,
    verifiesCertificates: false,
    basis: "measured",
    description: `set to ${name}: no NAPTR; SRV for ${name}, else the domain's address; does not check certificates`,
    changesTransport: false,
    timers: TIMERS,
    failover: ALWAYS_NEXT,
    plan: (resolution) => ({ transports: [configuredTransportCandidates(resolution, configured)] }),
  };
}

export const BARESIP_TCP = baresipSetTo("baresip-tcp", "tcp");
export const BARESIP_TLS = baresipSetTo("baresip-tls", "tls");
