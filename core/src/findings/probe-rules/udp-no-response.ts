import type { Finding } from "../types";
import { endpointsOf, failureSeverity, hostPort, listText, udpSilence } from "./probe-facts";
import type { ProbeRule } from "./rule";

/**
 * transport.udp.no-response: SIP OPTIONS over UDP got no answer, or ICMP said nothing listens.
 * Only agents probe UDP (the edge cannot). Critical when no probed UDP target answered.
 */
export const udpNoResponse: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const silent = endpoint.probes.flatMap((p) => {
      const silence = udpSilence(p);
      return silence ? [{ address: p.target.address, ...silence }] : [];
    });
    if (silent.length === 0) continue;
    const severity = failureSeverity(probes, "udp");
    const where = hostPort(endpoint.host, endpoint.port);
    const addresses = silent.map((s) => s.address);
    const sent = Math.max(...silent.map((s) => s.transmissions ?? 1));
    const refused = silent.every((s) => s.outcome !== "timeout");
    findings.push({
      id: "transport.udp.no-response",
      severity,
      title: `No SIP answer over UDP from ${where}${silent.length < endpoint.probes.length ? ` on ${listText(addresses)}` : ""}`,
      detail: [
        refused
          ? `${listText(addresses)} reported that nothing listens on UDP port ${endpoint.port} (ICMP unreachable).`
          : `OPTIONS sent ${sent === 1 ? "once" : `${sent} times`} to ${listText(addresses)} on UDP port ${endpoint.port} got no response.`,
        severity === "critical"
          ? `No UDP server of ${endpoint.sipDomain} answered: phones on UDP, the default for most desk phones, cannot register.`
          : `Phones that pick this server over UDP retransmit for about 32 seconds (RFC 3261 Timer F) before trying the next one.`,
      ].join(" "),
      fix: `Make sure the SIP server listens on UDP port ${endpoint.port} on ${listText(addresses)} and that firewalls allow inbound UDP ${endpoint.port} and the replies; if UDP is not offered, remove it from NAPTR/SRV so clients do not try it.`,
      subject: endpoint.subject,
      evidence: {
        transport: "udp",
        host: endpoint.host,
        port: endpoint.port,
        silent,
        probedAddresses: endpoint.probes.map((p) => p.target.address),
      },
    });
  }
  return findings;
};
