import { verificationProblem } from "../../tls/chain";
import type { Finding } from "../types";
import { hostPort } from "./probe-facts";
import type { ProbeRule } from "./rule";
import { type ServedChain, servedEvidence, tlsEndpoints } from "./tls-facts";

// Failures with their own finding: validity dates, names, a missing intermediate.
const EXPLAINED_ELSEWHERE = new Set(["expired", "not-yet-valid", "name-mismatch"]);

function untrustedReason(served: ServedChain): string | null {
  const { leaf, verification, analysis } = served;
  if (leaf.selfSigned && verification?.trusted !== true) return "self-signed";
  if (verification?.trusted !== false || analysis.incomplete) return null;
  const problem = verificationProblem(verification.error);
  if (EXPLAINED_ELSEWHERE.has(problem)) return null;
  return verification.error ?? "verification failed";
}

/**
 * tls.cert.untrusted: the leaf is self-signed, or a verifying client rejected the chain for a
 * reason no other finding explains (an unknown or private CA, a self-signed root in the chain,
 * a bad signature). Critical: phones that verify refuse to connect.
 */
export const certUntrusted: ProbeRule = (input) =>
  tlsEndpoints(input).flatMap((endpoint): Finding[] => {
    const hits = endpoint.served.flatMap((served) => {
      const reason = untrustedReason(served);
      return reason ? [{ served, reason }] : [];
    });
    const first = hits[0];
    if (!first) return [];
    const where = hostPort(endpoint.host, endpoint.port);
    const selfSigned = first.reason === "self-signed";
    return [
      {
        id: "tls.cert.untrusted",
        severity: "critical",
        title: selfSigned
          ? `Certificate of ${where} is self-signed`
          : `Certificate of ${where} is not trusted: ${first.reason}`,
        detail: `${
          selfSigned
            ? `${first.served.leaf.subject} signed itself, so no public CA vouches for it.`
            : `A client using the public root CAs rejects the chain (${first.reason}), issued by ${first.served.analysis.path.at(-1)?.issuer ?? first.served.leaf.issuer}.`
        } Phones that verify certificates, the default on current models and apps, refuse to connect unless that certificate or its CA was installed on each of them by hand.`,
        fix: "Serve a certificate from a public CA (Let's Encrypt works for SIP servers), or install your private CA on every phone and client that must connect.",
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          served: hits.map((h) => ({
            ...servedEvidence(h.served),
            reason: h.reason,
            ...(h.served.verification ? { verification: h.served.verification } : {}),
          })),
        },
      },
    ];
  });
