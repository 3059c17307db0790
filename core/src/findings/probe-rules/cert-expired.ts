import type { Finding, Severity } from "../types";
import { hostPort, mostSevere } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { certificateRole, day, servedEvidence, tlsEndpoints } from "./tls-facts";

/**
 * tls.cert.expired: the leaf or an intermediate the server sends is past notAfter. Critical:
 * verifying phones refuse it, and phones that build the path only from what the server sends
 * (most embedded TLS stacks) fail on an expired intermediate even when a newer one exists.
 * An expired self-signed root sent along is only a warning: clients use their own copy.
 */
export const certExpired: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.flatMap((served) => {
      const expired = served.analysis.validity.filter((v) => v.expired);
      if (expired.length === 0) return [];
      const severity: Severity = expired.some((v) => v.index === 0 || !served.chain[v.index]?.selfSigned)
        ? "critical"
        : "warning";
      return [{ served, expired, severity }];
    });
    const first = hits[0];
    const firstExpired = first?.expired[0];
    if (!first || !firstExpired) return [];
    const cert = first.served.chain[firstExpired.index] ?? first.served.leaf;
    const where = hostPort(endpoint.host, endpoint.port);
    const role = certificateRole(cert, firstExpired.index);
    return [
      {
        id: "tls.cert.expired",
        severity: mostSevere(hits.map((h) => h.severity)),
        title:
          firstExpired.index === 0
            ? `Certificate of ${where} expired on ${day(cert.notAfter)}`
            : `${where} sends an expired certificate: ${cert.subject} (${day(cert.notAfter)})`,
        detail: `${capitalise(role)} served by ${first.served.addresses.join(", ")} expired on ${day(cert.notAfter)}. Phones that verify certificates (Linphone, most desk phones) refuse the TLS connection and cannot register; the phones measured do not move to another transport, and those that do not verify (baresip, pjsua and Asterisk by default) do not notice.`,
        fix:
          firstExpired.index === 0
            ? `Renew the certificate for ${endpoint.host} and reload the SIP server, then check that automatic renewal (ACME, certbot) also reloads it.`
            : "Update the chain file on the server to the CA's current intermediate (and drop expired cross-signed certificates).",
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          now: input.now.toISOString(),
          served: hits.map((h) => ({
            ...servedEvidence(h.served),
            expired: h.expired.map((v) => ({ index: v.index, subject: v.subject, notAfter: v.notAfter })),
          })),
        },
      },
    ];
  });

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
