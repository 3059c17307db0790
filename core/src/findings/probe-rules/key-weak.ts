import type { CertificateInfo } from "../../tls/types";
import type { Finding } from "../types";
import { hostPort, listText } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { certificateRole, checkedCertificates, servedEvidence, tlsEndpoints } from "./tls-facts";

/** Why a leaf or intermediate is cryptographically weak: RSA below 2048 bits, EC below 224, a SHA-1 or MD5 signature. */
export function keyWeaknesses(cert: CertificateInfo): string[] {
  const reasons: string[] = [];
  if (cert.keyType === "rsa" && cert.keyBits !== undefined && cert.keyBits < 2048)
    reasons.push(`RSA ${cert.keyBits}-bit key`);
  if (cert.keyType === "ec" && cert.keyBits !== undefined && cert.keyBits < 224)
    reasons.push(`EC ${cert.keyBits}-bit key`);
  if (/sha1|md5/i.test(cert.signatureAlgorithm)) reasons.push(`${cert.signatureAlgorithm} signature`);
  return reasons;
}

/**
 * tls.key.weak: the leaf or an intermediate has a short key or a SHA-1/MD5 signature. Root
 * signatures are not checked by anyone (the root is trusted as such) and are ignored. Warning:
 * clients at OpenSSL security level 2 (Debian, recent Android) already refuse such chains.
 */
export const keyWeak: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.flatMap((served) => {
      const weak = checkedCertificates(served).flatMap(({ cert, index }) => {
        const reasons = keyWeaknesses(cert);
        return reasons.length > 0
          ? [{ index, subject: cert.subject, reasons, role: certificateRole(cert, index) }]
          : [];
      });
      return weak.length > 0 ? [{ served, weak }] : [];
    });
    const first = hits[0]?.weak[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    return [
      {
        id: "tls.key.weak",
        severity: "warning",
        title: `${where} uses a weak certificate: ${listText(first.reasons)}`,
        detail: `${first.role.charAt(0).toUpperCase()}${first.role.slice(1)} is weak: ${listText(first.reasons)}. Phones and clients with current security settings (OpenSSL security level 2, as on Debian and recent Android) refuse it, and the rest are open to forgery.`,
        fix: "Issue a new certificate with an RSA 2048-bit or larger, or an ECDSA P-256, key and a SHA-256 signature, and serve the CA's current intermediates.",
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          served: hits.map((h) => ({ ...servedEvidence(h.served), weak: h.weak.map(({ role: _r, ...w }) => w) })),
        },
      },
    ];
  });
