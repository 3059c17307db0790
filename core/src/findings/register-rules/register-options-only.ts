import type { RegisterOutcome } from "../../register/types";
import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { attemptEvidence, registerAttempts } from "./register-facts";

/** Outcomes where REGISTER got no usable answer at all, as opposed to an answer we could judge. */
export const UNANSWERED: ReadonlySet<RegisterOutcome> = new Set([
  "timeout",
  "reset",
  "connection-refused",
  "unreachable",
  "handshake-failed",
  "malformed",
  "too-large",
  "error",
]);

/** register.options-only: OPTIONS gets an answer from this address, REGISTER does not. */
export const registerOptionsOnly: ProbeRule = ({ probes }) =>
  registerAttempts(probes, (a) => a.sip?.outcome === "answered" && UNANSWERED.has(a.register.outcome)).map(
    ({ endpoint, attempts, label }): Finding => ({
      id: "register.options-only",
      severity: "critical",
      title: `${label} answers OPTIONS but not REGISTER`,
      detail: `The server answers OPTIONS pings, so simple monitoring shows it up, but REGISTER got ${attempts.map((a) => `${a.register.outcome}${a.register.error ? ` (${a.register.error})` : ""}`).join("; ")}. Phones cannot register and receive no calls. Typical causes: a registrar or its user database that hangs while the stateless OPTIONS reply still works, or a firewall or SBC that lets OPTIONS through but drops REGISTER.`,
      fix: "Check the registrar's logs for these REGISTER requests, its database connection, and any SBC or firewall rule between it and the phones that treats REGISTER differently from OPTIONS.",
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        attempts: attempts.map(attemptEvidence),
      },
    }),
  );
