import type { Finding } from "../types";
import { endpointsOf, failureSeverity, handshakeFailure, hostPort, listText, transportName } from "./probe-facts";
import type { ProbeRule } from "./rule";

/**
 * transport.tls.handshake-failed: TCP connects on a TLS or WSS port but the handshake fails,
 * is reset or stalls. A listener answering in plaintext is transport.mismatch instead.
 */
export const tlsHandshakeFailed: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const failed = endpoint.probes.flatMap((p) => {
      const failure = handshakeFailure(p);
      return failure ? [{ address: p.target.address, ...failure }] : [];
    });
    if (failed.length === 0) continue;
    const severity = failureSeverity(probes, endpoint.transport);
    const name = transportName(endpoint.transport);
    const where = hostPort(endpoint.host, endpoint.port);
    const addresses = failed.map((f) => f.address);
    const errors = [...new Set(failed.map((f) => f.error ?? f.outcome))];
    findings.push({
      id: "transport.tls.handshake-failed",
      severity,
      title: `TLS handshake with ${where} fails${failed.length < endpoint.probes.length ? ` on ${listText(addresses)}` : ""}`,
      detail: [
        `TCP connects to ${listText(addresses)} but the TLS handshake does not complete (${listText(errors)}).`,
        severity === "critical"
          ? `No ${name} server of ${endpoint.sipDomain} completed a handshake: phones set to ${name} cannot register; baresip and Linphone stay on ${name} and give up, only a few clients (Asterisk, some desk phones) move to another transport.`
          : `Phones that pick this server fail there and try the next target of the same transport.`,
      ].join(" "),
      fix: `Check the certificate and private key loaded on the TLS listener of ${where}, that it accepts TLS 1.2 and 1.3 with common ECDHE + AES-GCM ciphers, and that it serves a certificate for the SNI name ${endpoint.host}.`,
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        sni: endpoint.host,
        failed,
        probedAddresses: endpoint.probes.map((p) => p.target.address),
      },
    });
  }
  return findings;
};
