import { matchCertificateName } from "../../tls/names";
import type { Finding } from "../types";
import { hostPort, listText } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { servedEvidence, tlsEndpoints } from "./tls-facts";

/**
 * tls.cert.wildcard: neither the SIP domain nor the server name is in the certificate as such;
 * one of them is covered only by a wildcard ("*.example.com"), which RFC 5922 7.2 tells SIP
 * clients not to accept. Warning: browsers and most phones accept it, strict SIP stacks do not.
 */
export const certWildcard: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.flatMap((served) => {
      const domain = matchCertificateName(served.leaf, endpoint.sipDomain);
      const target = matchCertificateName(served.leaf, endpoint.host);
      if (domain.match === "exact" || target.match === "exact") return [];
      const covered = [
        ...(domain.match === "wildcard" ? [{ name: endpoint.sipDomain, via: domain.via ?? "" }] : []),
        ...(target.match === "wildcard" && endpoint.host !== endpoint.sipDomain
          ? [{ name: endpoint.host, via: target.via ?? "" }]
          : []),
      ];
      return covered.length > 0 ? [{ served, covered }] : [];
    });
    const first = hits[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    const names = first.covered.map((c) => c.name);
    const wildcards = [...new Set(first.covered.map((c) => c.via))];
    return [
      {
        id: "tls.cert.wildcard",
        severity: "warning",
        title: `Certificate of ${where} covers ${listText(names)} only through ${listText(wildcards)}`,
        detail: `RFC 5922 (section 7.2) tells SIP clients not to accept wildcard names. Most phones accept them anyway, but strict SIP stacks (RFC 5922 clients, some SBC trunks) refuse the connection.`,
        fix: `Add the exact names to the certificate's subjectAltName: ${listText([...new Set([endpoint.sipDomain, endpoint.host])].map((n) => `DNS:${n}`))}.`,
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          sipDomain: endpoint.sipDomain,
          served: hits.map((h) => ({ ...servedEvidence(h.served), wildcardMatches: h.covered })),
        },
      },
    ];
  });
