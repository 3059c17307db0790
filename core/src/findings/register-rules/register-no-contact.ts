import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { attemptEvidence, registerAttempts } from "./register-facts";

/** register.no-contact: a 200 to REGISTER that does not list the binding just made (RFC 3261 10.3 step 8). */
export const registerNoContact: ProbeRule = ({ probes }) =>
  registerAttempts(probes, (a) => a.register.outcome === "no-contact-in-200").map(
    ({ endpoint, attempts, where, over }): Finding => ({
      id: "register.no-contact",
      severity: "warning",
      title: `${where} (${over}) answers REGISTER with 200 but without the phone's Contact`,
      detail:
        "RFC 3261 10.3 has the registrar list every current binding in its 200 OK. Without it phones cannot tell whether they are reachable, and some (those checking their binding) register again and again; it can also mean a proxy answered 200 without storing anything, so calls never arrive.",
      fix: 'Make sure REGISTER reaches the registrar (not a proxy answering it) and that it stores the binding (Kamailio: save("location"); check the location table).',
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        attempts: attempts.map((a) => ({
          ...attemptEvidence(a),
          contactSent: a.register.contactSent,
          bindings: a.register.bindings ?? [],
        })),
      },
    }),
  );
