import type { ProbeRule } from "../probe-rules/rule";
import type { Finding } from "../types";
import { attemptEvidence, registerAttempts } from "./register-facts";
import { UNANSWERED } from "./register-options-only";

/**
 * register.proxy-unreachable: REGISTER sent through the test account's outbound proxy got no
 * usable answer (refused, silent, reset, failed handshake). The registrar behind it may be
 * fine; phones configured with this proxy still cannot register.
 */
export const registerProxyUnreachable: ProbeRule = ({ probes }) =>
  registerAttempts(probes, (a) => a.register.route !== undefined && UNANSWERED.has(a.register.outcome)).map(
    ({ endpoint, attempts, where, over }): Finding => ({
      id: "register.proxy-unreachable",
      severity: "critical",
      title: `Outbound proxy ${where} (${over}) does not answer REGISTER`,
      detail: `Phones set up with the outbound proxy ${where} send their REGISTER there (RFC 3261 8.1.2), and it got ${attempts.map((a) => `${a.register.outcome}${a.register.error ? ` (${a.register.error})` : ""}`).join("; ")}. They cannot register, whatever the registrar behind it does.`,
      fix: `Check that the proxy runs and listens on ${over} at ${where}, that no firewall between the phones and it drops the traffic, and that the monitor's outbound proxy setting matches what the phones use.`,
      subject: endpoint.subject,
      evidence: {
        transport: endpoint.transport,
        host: endpoint.host,
        port: endpoint.port,
        outboundProxy: true,
        attempts: attempts.map(attemptEvidence),
      },
    }),
  );
