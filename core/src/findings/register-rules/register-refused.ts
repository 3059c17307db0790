import { statusVerdict } from "../../probe/response-handling";
import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { attemptEvidence, refusalMeaning, registerAttempts } from "./register-facts";

/** register.refused: a final 3xx-6xx to REGISTER that is not a challenge, or 423 twice. */
export const registerRefused: ProbeRule = ({ probes, responseHandling }) =>
  registerAttempts(
    probes,
    (a) =>
      (a.register.outcome === "refused" || a.register.outcome === "interval-too-brief") &&
      // A refusal the monitor counts as up (a registrar that answers a test account this way on purpose) is no finding.
      statusVerdict(a.register.status ?? 0, responseHandling?.register) !== "up",
  ).map(({ endpoint, attempts, label }): Finding => {
    const maintenance = attempts.every(
      (a) => statusVerdict(a.register.status ?? 0, responseHandling?.register) === "maintenance",
    );
    const first = attempts[0]?.register;
    const statuses = [...new Set(attempts.map((a) => `${a.register.status ?? ""} ${a.register.reason ?? ""}`.trim()))];
    return {
      id: "register.refused",
      severity: maintenance ? "info" : "critical",
      title: `REGISTER to ${label} refused: ${statuses.join(", ")}${maintenance ? " (maintenance, as the monitor expects)" : ""}`,
      detail: `${first ? refusalMeaning(first) : ""} Phones using this server cannot register, so they receive no calls.`,
      fix:
        first?.outcome === "interval-too-brief"
          ? "Lower the registrar's minimum registration interval (Kamailio registrar min_expires, Asterisk minexpiry) to what the phones use, or raise the phones' interval."
          : "Check the account on the registrar and the registrar's logs for this request; for 403, check the password and any ACL, geo or fraud filter; for 5xx, the registrar's database.",
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        attempts: attempts.map(attemptEvidence),
      },
    };
  });
