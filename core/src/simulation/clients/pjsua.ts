import { configuredTransportCandidates, hostCandidates, namedTransport } from "../discovery";
import type { ClientProfile } from "../types";
import { TIMER_F_MS } from "./timers";

const PJSUA = ["pjsua (pjproject 2.14)"];

/**
 * pjproject 2.14, read from the source (Debian has no pjsua to measure):
 * - NAPTR is not implemented (sip_resolve.c: `PJ_TODO(SUPPORT_DNS_NAPTR)`);
 * - an unspecified transport is UDP, `sips:` is TLS (`pjsip_get_dest_info`);
 * - pjsua without `--nameserver` has no DNS resolver of its own: the host goes to getaddrinfo,
 *   so no SRV at all, the domain's address on the default port;
 * - with `--nameserver`, SRV for that transport (`_sips._tcp` for TLS), else A/AAAA;
 * - a transport error (refused, TLS failure) moves to the next resolved address
 *   (sip_util.c `stateless_send_transport_cb`), but a target that never answers ends the
 *   transaction with 408 and no next address; ICMP on UDP is ignored, so a refused UDP target
 *   costs the transaction timer too;
 * - `verify_server` is off by default: a bad certificate is accepted.
 */
const TIMERS = { udpSilentMs: TIMER_F_MS, udpRefusedMs: TIMER_F_MS, tcpSilentMs: TIMER_F_MS, closedMs: 0 };
const FAILOVER = { afterTimeout: false, afterClose: true };

export const PJSUA_DEFAULT: ClientProfile = {
  id: "pjsua",
  label: "pjsua (default)",
  clients: PJSUA,
  configuredTransport: "udp",
  verifiesCertificates: false,
  basis: "source",
  description:
    "registrar set to the domain with no name server: the system resolver, no SRV; UDP 5060 to the domain's address",
  changesTransport: false,
  timers: TIMERS,
  failover: FAILOVER,
  plan: (resolution) => ({ transports: [hostCandidates(resolution, namedTransport(resolution.target) ?? "udp")] }),
};

export const PJSUA_TLS: ClientProfile = {
  id: "pjsua-tls",
  label: "pjsua set to TLS",
  clients: PJSUA,
  configuredTransport: "tls",
  verifiesCertificates: false,
  basis: "source",
  description:
    "set to TLS with a name server: no NAPTR; SRV for TLS, else the domain on 5061; a target that never answers ends the attempt; does not check certificates",
  changesTransport: false,
  timers: TIMERS,
  failover: FAILOVER,
  plan: (resolution) => ({ transports: [configuredTransportCandidates(resolution, "tls")] }),
};
