import { isSecure } from "../../sip/transports";
import type { Finding } from "../types";
import { endpointsOf, hostPort, listText } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { headerUris, isIpLiteral } from "./sip-header-hosts";

/**
 * transport.sip.record-route-ip: a Record-Route URI names an IP address instead of a host
 * name. The Linphone team's deployment advice ("Use DNS names, not IP addresses"): TLS clients
 * cannot match the certificate against the IP on later requests (RFC 5922 7.5 wants a
 * Record-Route URI the proxy holds a certificate for), calls cannot survive a switch between
 * IPv4-only and IPv6-only networks, and NAT64 clients need a name to synthesise an address.
 * Reported for every transport, since the last two apply to all.
 */
export const sipRecordRouteIp: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const routes = endpoint.probes.flatMap(({ sip, target }) => {
      const recordRoute = sip?.outcome === "answered" ? (sip.response?.recordRoute ?? []) : [];
      const literal = recordRoute.flatMap((value) =>
        headerUris(value)
          .filter(({ host }) => isIpLiteral(host))
          .map(({ uri, host }) => ({ uri, host })),
      );
      return literal.length > 0 ? [{ address: target.address, recordRoute: literal }] : [];
    });
    if (routes.length === 0) continue;
    const where = hostPort(endpoint.host, endpoint.port);
    const ips = [...new Set(routes.flatMap((r) => r.recordRoute.map((u) => u.host)))];
    const secure = isSecure(endpoint.transport);
    findings.push({
      id: "transport.sip.record-route-ip",
      severity: "warning",
      title: `${where} Record-Routes through an IP address: ${listText(ips)}`,
      detail: [
        secure
          ? "Phones on TLS send every later request of the call to that address and must check the server's certificate against it; certificates name hosts, not IPs, so strict phones drop the call."
          : "Phones send every later request of the call to that address.",
        "A phone moving between an IPv4-only and an IPv6-only network cannot re-INVITE to it, and phones behind NAT64 need a name to reach an IPv4 server.",
      ].join(" "),
      fix: `Make the proxy Record-Route with its public DNS name (one its TLS certificate carries), for example Kamailio record_route_preset("${endpoint.host}") or an advertised host name, not its IP address.`,
      subject: endpoint.subject,
      evidence: { transport: endpoint.transport, host: endpoint.host, port: endpoint.port, routes },
    });
  }
  return findings;
};
