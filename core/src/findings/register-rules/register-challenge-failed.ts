import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { attemptEvidence, registerAttempts } from "./register-facts";

/** register.challenge-failed: challenged without end (stale nonce after stale nonce), or with a challenge no phone can answer. */
export const registerChallengeFailed: ProbeRule = ({ probes }) =>
  registerAttempts(
    probes,
    (a) => a.register.outcome === "challenge-loop" || a.register.outcome === "unsupported-challenge",
  ).map(({ endpoint, attempts, where, over }): Finding => {
    const loop = attempts.some((a) => a.register.outcome === "challenge-loop");
    return {
      id: "register.challenge-failed",
      severity: "critical",
      title: loop
        ? `${where} (${over}) keeps challenging REGISTER`
        : `${where} (${over}) asks for an authentication phones cannot give`,
      detail: loop
        ? `After ${attempts[0]?.register.challenges.length ?? 0} challenges answered, the registrar challenged again (a new nonce marked stale, or a new realm each time). Phones give up the same way and stay unregistered.`
        : `The registrar offered only ${attempts.map((a) => a.register.error ?? "").join("; ")}. Phones answer Digest (MD5, and SHA-256 for newer ones).`,
      fix: loop
        ? "Check the registrar's nonce handling: a nonce that expires at once (clock skew between servers sharing a nonce secret) or a proxy that challenges for a realm the registrar does not know."
        : "Offer Digest authentication with MD5 (and SHA-256 per RFC 8760) to SIP phones.",
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        attempts: attempts.map((a) => ({ ...attemptEvidence(a), challenges: a.register.challenges })),
      },
    };
  });
