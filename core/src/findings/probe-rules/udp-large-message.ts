import type { Finding } from "../types";
import { endpointsOf, hostPort, listText } from "./probe-facts";
import type { ProbeRule } from "./rule";

/** RFC 3261 18.1.1: a request within 200 bytes of a 1500-byte path MTU, or above 1300 bytes without a known MTU, goes over TCP. */
export const UDP_SIZE_LIMIT = 1300;

/**
 * transport.udp.large-message: the OPTIONS answer over UDP is above 1300 bytes, or was too
 * large for the prober to read at all. Warning: the probe still got it, larger INVITE traffic
 * is where calls break.
 */
export const udpLargeMessage: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    if (endpoint.transport !== "udp") continue;
    const large = endpoint.probes.flatMap(({ sip, target }) => {
      if (sip?.outcome === "too-large") return [{ address: target.address, bytes: sip.response?.bytes }];
      const bytes = sip?.outcome === "answered" ? sip.response?.bytes : undefined;
      return bytes !== undefined && bytes > UDP_SIZE_LIMIT ? [{ address: target.address, bytes }] : [];
    });
    if (large.length === 0) continue;
    const where = hostPort(endpoint.host, endpoint.port);
    const sizes = large.map((l) => l.bytes).filter((b): b is number => b !== undefined);
    const size = sizes.length > 0 ? `${Math.max(...sizes)} bytes` : "too large to read";
    findings.push({
      id: "transport.udp.large-message",
      severity: "warning",
      title: `SIP answer over UDP from ${where} is ${size}`,
      detail: `The OPTIONS response from ${listText(large.map((l) => l.address))} exceeds the ${UDP_SIZE_LIMIT} bytes RFC 3261 18.1.1 allows on UDP. Larger datagrams are split into IP fragments, which many NAT routers and firewalls drop; INVITEs and their answers carry SDP and are bigger still, so calls over UDP fail without any error.`,
      fix: "Prefer TCP or TLS: publish them in NAPTR/SRV ahead of UDP and configure phones for them. Shrink what the server sends (long Allow, Supported or Server headers, many Via or Record-Route entries).",
      subject: endpoint.subject,
      evidence: { transport: "udp", host: endpoint.host, port: endpoint.port, limitBytes: UDP_SIZE_LIMIT, large },
    });
  }
  return findings;
};
