import type { ProbeRule } from "../probe-rules/rule";
import { DEFAULT_SIP_SLOW_MS } from "../probe-rules/rule";
import type { Finding } from "../types";
import { registerAttempts } from "./register-facts";

/**
 * register.slow: registration (challenge round trip included) took longer than twice the
 * monitor's SIP threshold: REGISTER with digest needs two round trips where OPTIONS needs one.
 */
export const registerSlow: ProbeRule = ({ probes, slowMs = DEFAULT_SIP_SLOW_MS }) => {
  const thresholdMs = 2 * slowMs;
  return registerAttempts(
    probes,
    (a) => a.register.outcome === "registered" && (a.register.registerMs ?? 0) > thresholdMs,
  ).map(({ endpoint, attempts, where, over }): Finding => {
    const worst = Math.max(...attempts.map((a) => a.register.registerMs ?? 0));
    return {
      id: "register.slow",
      severity: "warning",
      title: `Registration over ${over} at ${where} took ${worst} ms`,
      detail: `Above the ${thresholdMs} ms threshold for a registration with its challenge. Phones whose registration timer runs out first (Timer F, 32 s over UDP, often much less in phone firmware) retry or fail over, and slow registrars usually mean a slow user database.`,
      fix: "Check the registrar's authentication database (query time, connection pool) and its location service, and the network path to it.",
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        thresholdMs,
        slow: attempts.map((a) => ({
          address: a.address,
          registerMs: a.register.registerMs,
          requests: a.register.requests,
        })),
      },
    };
  });
};
