import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { attemptEvidence, registerAttempts } from "./register-facts";

/** register.credentials-rejected: the registrar challenged again after our digest answer (RFC 3261 22.2). */
export const registerCredentialsRejected: ProbeRule = ({ probes }) =>
  registerAttempts(probes, (a) => a.register.outcome === "credentials-rejected").map(
    ({ endpoint, attempts, where, over }): Finding => {
      const realms = [...new Set(attempts.flatMap((a) => a.register.challenges.map((c) => c.realm)))];
      return {
        id: "register.credentials-rejected",
        severity: "critical",
        title: `${where} (${over}) rejects the test account's credentials`,
        detail: `The registrar challenged again after the digest answer for realm ${realms.join(", ")}, which means the user name or password is wrong for it. If the account works elsewhere, this registrar's user database differs (a migration, a password hashed for another realm).`,
        fix: "Check the test account's user name, authentication user and password on the registrar, and that its realm is the one the registrar challenges with.",
        subject: endpoint.subject,
        evidence: {
          transport: endpoint.transport,
          host: endpoint.host,
          port: endpoint.port,
          realms,
          attempts: attempts.map(attemptEvidence),
        },
      };
    },
  );
