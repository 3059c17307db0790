import { certificateNames, matchCertificateName } from "../../tls/names";
import type { Finding } from "../types";
import { candidateFor, hostPort, listText } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { sanList, servedEvidence, tlsEndpoints } from "./tls-facts";

/**
 * tls.cert.name-mismatch-domain: no certificate name covers the SIP domain, not even through a
 * wildcard. RFC 5922 7.3: a client that found the server through NAPTR/SRV compares the
 * certificate with the domain of the URI it dialled, never with the SRV target, and closes the
 * connection when it does not match. Critical: those clients cannot connect.
 */
export const certNameMismatchDomain: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const domain = endpoint.sipDomain;
    const hits = endpoint.served.filter((served) => matchCertificateName(served.leaf, domain).match === "none");
    const first = hits[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    const srvOwner = endpoint.probes.map((p) => candidateFor(input.resolution, p.target)?.srvOwner).find(Boolean);
    const viaSrv = endpoint.host.toLowerCase() !== domain.toLowerCase();
    const names = sanList(first.leaf);
    return [
      {
        id: "tls.cert.name-mismatch-domain",
        severity: "critical",
        title: `Certificate of ${where} does not name the SIP domain ${domain}`,
        detail: [
          viaSrv
            ? `Phones reach ${endpoint.host} through ${srvOwner ?? "DNS discovery"}, and RFC 5922 (section 7.3) tells them to check the certificate against the SIP domain they dialled, ${domain}, not against ${endpoint.host}.`
            : `Phones connecting to ${domain} check the certificate against that name.`,
          `The certificate names ${names.length > 0 ? listText(names) : `only ${first.leaf.subject}`}, so RFC 5922 clients close the connection and cannot register over TLS.`,
        ].join(" "),
        fix: `Add ${domain} to the certificate's subjectAltName (DNS:${domain}; a URI:sip:${domain} entry as well if your CA issues them) and serve it on ${where}.`,
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          sipDomain: domain,
          ...(srvOwner ? { srvOwner } : {}),
          served: hits.map((served) => ({
            ...servedEvidence(served),
            identities: certificateNames(served.leaf).map((n) => n.value),
          })),
        },
      },
    ];
  });
