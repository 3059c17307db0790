import { matchCertificateName } from "../../tls/names";
import type { Finding, Severity } from "../types";
import { hostPort, listText, mostSevere } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { sanList, servedEvidence, tlsEndpoints } from "./tls-facts";

/**
 * tls.cert.name-mismatch-target: no certificate name covers the SRV target host the phone
 * connected to (and sent as SNI). Critical when the SIP domain is not covered either: no client
 * accepts the certificate then. Info when the domain is covered: RFC 5922 clients check only
 * the domain and connect, but clients that check the host they connected to (generic TLS
 * libraries, several softphones and SBC trunks) refuse. Not evaluated when the target is the
 * domain itself (tls.cert.name-mismatch-domain covers that).
 */
export const certNameMismatchTarget: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const { host, sipDomain } = endpoint;
    if (host.toLowerCase().replace(/\.$/, "") === sipDomain.toLowerCase().replace(/\.$/, "")) return [];
    const hits = endpoint.served.flatMap((served) => {
      if (matchCertificateName(served.leaf, host).match !== "none") return [];
      const domainCovered = matchCertificateName(served.leaf, sipDomain).match !== "none";
      const severity: Severity = domainCovered ? "info" : "critical";
      return [{ served, domainCovered, severity }];
    });
    const first = hits[0];
    if (!first) return [];
    const severity = mostSevere(hits.map((h) => h.severity));
    const where = hostPort(host, endpoint.port);
    const names = sanList(first.served.leaf);
    const named = names.length > 0 ? listText(names) : `only ${first.served.leaf.subject}`;
    return [
      {
        id: "tls.cert.name-mismatch-target",
        severity,
        title: `Certificate of ${where} does not name the server ${host}`,
        detail:
          severity === "critical"
            ? `The certificate names ${named}: neither the server name ${host} nor the SIP domain ${sipDomain}. No phone that verifies certificates accepts it.`
            : `The certificate names ${named}. It covers the SIP domain ${sipDomain}, which RFC 5922 clients check, so they connect; clients that check the name they connected to (${host}) refuse it.`,
        fix: `Add ${host} to the certificate's subjectAltName (DNS:${host}) beside ${sipDomain}.`,
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host,
          port: endpoint.port,
          sipDomain,
          served: hits.map((h) => ({ ...servedEvidence(h.served), domainCovered: h.domainCovered })),
        },
      },
    ];
  });
