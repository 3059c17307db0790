import type { Finding } from "../types";
import { endpointsOf, failureSeverity, hostPort, listText, transportName, upgradeFailure } from "./probe-facts";
import type { ProbeRule } from "./rule";

/**
 * transport.ws.upgrade-failed: the WebSocket endpoint did not answer the upgrade with 101 and
 * `Sec-WebSocket-Protocol: sip` (RFC 7118 section 4). Critical when no probed WS/WSS target of
 * that transport upgrades.
 */
export const wsUpgradeFailed: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const failed = endpoint.probes.flatMap((p) => {
      const failure = upgradeFailure(p);
      return failure ? [{ address: p.target.address, ...failure }] : [];
    });
    if (failed.length === 0) continue;
    const severity = failureSeverity(probes, endpoint.transport);
    const where = hostPort(endpoint.host, endpoint.port);
    const statuses = [
      ...new Set(failed.map((f) => (f.upgradeStatus ? `HTTP ${f.upgradeStatus}` : (f.error ?? "no upgrade")))),
    ];
    findings.push({
      id: "transport.ws.upgrade-failed",
      severity,
      title: `${transportName(endpoint.transport)} endpoint ${where} does not upgrade to SIP over WebSocket`,
      detail: `The WebSocket handshake with ${listText(failed.map((f) => f.address))} answered ${listText(statuses)} instead of 101 Switching Protocols with Sec-WebSocket-Protocol: sip. Browser and WebRTC clients (SIP.js, JsSIP) cannot connect${severity === "critical" ? " anywhere" : " to this server"}.`,
      fix: "Check the WebSocket path the server listens on and that any reverse proxy in front forwards the Upgrade and Connection headers and passes Sec-WebSocket-Protocol: sip through (nginx: proxy_http_version 1.1 and proxy_set_header Upgrade/Connection).",
      subject: endpoint.subject,
      evidence: { transport: endpoint.transport, host: endpoint.host, port: endpoint.port, failed },
    });
  }
  return findings;
};
