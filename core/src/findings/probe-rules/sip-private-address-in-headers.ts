import { addressScope, isPubliclyRoutable } from "../address-scope";
import type { Finding } from "../types";
import { endpointsOf, hostPort, listText } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { headerUris, isIpLiteral } from "./sip-header-hosts";

interface LeakedAddress {
  header: "Contact" | "Record-Route" | "Via received";
  value: string;
  host: string;
  scope: string;
}

/**
 * transport.sip.private-address-in-headers: a server on a public address answers with private
 * (RFC 1918, CGNAT, ULA, loopback, link-local) addresses in Contact, Record-Route or the Via
 * `received` parameter. Servers on private addresses are expected to, and are left alone.
 */
export const sipPrivateAddressInHeaders: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const hits = endpoint.probes.flatMap(({ sip, target }) => {
      const response = sip?.outcome === "answered" ? sip.response : undefined;
      if (!response || !isPubliclyRoutable(target.address)) return [];
      const leaked: LeakedAddress[] = [];
      const check = (header: LeakedAddress["header"], value: string, host: string) => {
        if (isIpLiteral(host) && !isPubliclyRoutable(host))
          leaked.push({ header, value, host, scope: addressScope(host) });
      };
      for (const value of response.contact) for (const { host } of headerUris(value)) check("Contact", value, host);
      for (const value of response.recordRoute)
        for (const { host } of headerUris(value)) check("Record-Route", value, host);
      if (response.viaReceived) check("Via received", response.viaReceived, response.viaReceived);
      return leaked.length > 0 ? [{ address: target.address, leaked }] : [];
    });
    if (hits.length === 0) continue;
    const where = hostPort(endpoint.host, endpoint.port);
    const all = hits.flatMap((h) => h.leaked);
    const headers = [...new Set(all.map((l) => l.header))];
    const hosts = [...new Set(all.map((l) => l.host))];
    findings.push({
      id: "transport.sip.private-address-in-headers",
      severity: "warning",
      title: `${where} puts private addresses in ${listText(headers)}: ${listText(hosts)}`,
      detail: `The server answers on a public address but names ${listText(hosts)} in its SIP headers. Phones on the internet send later requests (ACK, BYE, re-INVITE) or audio there and reach nothing: calls connect one way or drop after about 30 seconds. Usually the server does not know its public address behind NAT, or a SIP ALG in a router rewrites the messages.`,
      fix: "Configure the server's external (advertised) address for NAT, for example Asterisk external_signaling_address, Kamailio advertise or FreeSWITCH ext-sip-ip, and turn off SIP ALG on the routers in front of it.",
      subject: endpoint.subject,
      evidence: { transport: endpoint.transport, host: endpoint.host, port: endpoint.port, hits },
    });
  }
  return findings;
};
