import type { Finding, Severity } from "../types";
import { endpointsOf, hostPort, listText, mostSevere } from "./probe-facts";
import type { ProbeRule } from "./rule";

/** Protocol names below TLS 1.2, as Node, OpenSSL and Workers print them. */
const LEGACY_VERSIONS = /^(SSLv2|SSLv3|TLSv1|TLSv1\.0|TLSv1\.1|TLS 1\.0|TLS 1\.1)$/i;

export function isLegacyTlsVersion(version: string): boolean {
  return LEGACY_VERSIONS.test(version.trim());
}

/**
 * tls.version.legacy: the best version the server negotiated is below TLS 1.2 (critical:
 * current phones and apps, which require TLS 1.2, cannot connect at all), or it still
 * completes handshakes with TLS 1.0/1.1 (warning: RFC 8996 deprecates them, but modern clients
 * simply negotiate higher).
 */
export const tlsVersionLegacy: ProbeRule = ({ probes }) => {
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const hits = endpoint.probes.flatMap(({ tls, target }) => {
      if (!tls) return [];
      const negotiated =
        tls.outcome === "connected" && tls.version && isLegacyTlsVersion(tls.version) ? tls.version : undefined;
      const accepted = (tls.legacyVersionsAccepted ?? []).filter(isLegacyTlsVersion);
      if (!negotiated && accepted.length === 0) return [];
      const severity: Severity = negotiated ? "critical" : "warning";
      return [{ address: target.address, ...(negotiated ? { negotiated } : {}), accepted, severity }];
    });
    if (hits.length === 0) continue;
    const severity = mostSevere(hits.map((h) => h.severity));
    const where = hostPort(endpoint.host, endpoint.port);
    const versions = [...new Set(hits.flatMap((h) => [...(h.negotiated ? [h.negotiated] : []), ...h.accepted]))];
    findings.push({
      id: "tls.version.legacy",
      severity,
      title:
        severity === "critical"
          ? `${where} offers nothing newer than ${listText(versions)}`
          : `${where} still accepts ${listText(versions)}`,
      detail:
        severity === "critical"
          ? "Current phones, softphones and operating systems require TLS 1.2 or newer and cannot connect at all."
          : "TLS 1.0 and 1.1 are deprecated (RFC 8996) and fail security audits; clients that still use them are open to downgrade attacks.",
      fix: "Enable TLS 1.2 and 1.3 on the SIP server's TLS listener and disable TLS 1.0 and 1.1 (for example OpenSSL MinProtocol = TLSv1.2).",
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        addresses: hits.map(({ severity: _s, ...hit }) => hit),
      },
    });
  }
  return findings;
};
