import type { Finding } from "../types";
import { endpointsOf, hostPort, listText, transportName } from "./probe-facts";
import { DEFAULT_SIP_SLOW_MS, type ProbeRule } from "./rule";

/**
 * transport.sip.slow: an OPTIONS answer took longer than the monitor's threshold. Over UDP a
 * retransmission means a lost packet (RFC 3261 Timer E starts at 500 ms), which the detail says.
 */
export const sipSlow: ProbeRule = ({ probes, slowMs = DEFAULT_SIP_SLOW_MS }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const slow = endpoint.probes.flatMap(({ sip, target }) =>
      sip?.outcome === "answered" && sip.rttMs !== undefined && sip.rttMs > slowMs
        ? [
            {
              address: target.address,
              rttMs: Math.round(sip.rttMs),
              ...(sip.transmissions !== undefined ? { transmissions: sip.transmissions } : {}),
            },
          ]
        : [],
    );
    if (slow.length === 0) continue;
    const where = hostPort(endpoint.host, endpoint.port);
    const worst = Math.max(...slow.map((s) => s.rttMs));
    const retransmitted = slow.some((s) => (s.transmissions ?? 1) > 1);
    findings.push({
      id: "transport.sip.slow",
      severity: "warning",
      title: `OPTIONS over ${transportName(endpoint.transport)} to ${where} took ${worst} ms`,
      detail: `Round trips ${listText(slow.map((s) => `${s.address}: ${s.rttMs} ms`))}, above the ${slowMs} ms threshold. ${
        retransmitted
          ? "The request had to be sent again before an answer came: packets are being lost on the way."
          : "Registration and call setup wait for each answer like this one, so users notice slow dialling and may see timeouts."
      }`,
      fix: "Check the SIP server's load and any database or DNS lookups it makes per request, and the network path to it (packet loss, an overloaded firewall).",
      subject: endpoint.subject,
      evidence: { transport: endpoint.transport, host: endpoint.host, port: endpoint.port, thresholdMs: slowMs, slow },
    });
  }
  return findings;
};
