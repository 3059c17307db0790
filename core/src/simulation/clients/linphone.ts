import type { Candidate, Transport } from "../../sip/types";
import { configuredTransportCandidates } from "../discovery";
import type { ClientProfile, ConfiguredTransport, ProfileId } from "../types";
import { TIMER_F_MS } from "./timers";

/**
 * Linphone: belle-sip never asks NAPTR (there is no NAPTR code in belle-sip 5.1). It asks SRV
 * for the transport its proxy is set to (`reg_proxy=<sip:domain;transport=tls>`: `_sips._tcp`)
 * and the domain's A/AAAA at once, uses the SRV targets when there are some, else the domain on
 * the transport's default port (src/belle_sip_resolver.c), AAAA before A
 * (`dual_resolver_context_notify`), and moves to the next address after a refused connection or
 * a failed TLS handshake (src/channel.c `belle_sip_channel_handle_error`). It never changes
 * transport. liblinphone verifies the server certificate and checks the domain name
 * (`verify_server_certs`, `verify_server_cn` default on).
 *
 * Measured with linphonec 5.1.65 / belle-sip 5.1.64 (infra/interop/phones.interop.test.ts):
 * - a refused UDP target costs about 32 s: the ICMP port unreachable is ignored and the REGISTER
 *   retransmitted until the transaction times out, then the next target is tried;
 * - a silent TCP or TLS target costs about 64 s (belle-sip's 63 s `transport_timeout`);
 * - a server that closes the connection when the REGISTER arrives is tried again and again, and
 *   Linphone never moves to the next target (observed for 45 s; belle-sip retries the channel).
 */
function linphone(id: ProfileId, configured: ConfiguredTransport & Transport, label: string): ClientProfile {
  const name = configured.toUpperCase();
  return {
    id,
    label,
    clients: ["Linphone 5.1 (belle-sip 5.1)"],
    configuredTransport: configured,
    verifiesCertificates: true,
    basis: "measured",
    description: `set to ${name}: no NAPTR; SRV for ${name}, else the domain's address; fails over between targets, never changes transport`,
    changesTransport: false,
    timers: { udpSilentMs: TIMER_F_MS, udpRefusedMs: TIMER_F_MS, tcpSilentMs: 63_000, closedMs: 0 },
    failover: { afterTimeout: true, afterClose: false },
    plan: (resolution) => ({ transports: [ipv6First(configuredTransportCandidates(resolution, configured))] }),
  };
}

/** belle-sip's dual resolver lists a host's AAAA answers before its A answers. */
function ipv6First(candidates: readonly Candidate[]): Candidate[] {
  const hostOrder = [...new Set(candidates.map((c) => `${c.host}:${c.port}`))];
  return hostOrder.flatMap((key) => {
    const ofHost = candidates.filter((c) => `${c.host}:${c.port}` === key);
    return [...ofHost.filter((c) => c.family === 6), ...ofHost.filter((c) => c.family === 4)];
  });
}

export const LINPHONE_UDP = linphone("linphone-udp", "udp", "Linphone set to UDP");
export const LINPHONE_TCP = linphone("linphone-tcp", "tcp", "Linphone set to TCP");
export const LINPHONE_TLS = linphone("linphone-tls", "tls", "Linphone set to TLS");
