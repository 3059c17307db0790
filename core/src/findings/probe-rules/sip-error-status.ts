import { statusVerdict } from "../../probe/response-handling";
import type { SipResponseInfo } from "../../probe/types";
import type { Finding, Severity } from "../types";
import { endpointsOf, hostPort, listText, mostSevere, transportName } from "./probe-facts";
import type { ProbeRule } from "./rule";

/**
 * Answers that mean "I am here, but I do not answer strangers' OPTIONS": authentication wanted
 * (401/407), source not allowed (403), domain or user unknown (404), OPTIONS not allowed or not
 * implemented (405/501), extension refused (420), and any 6xx. Many SBCs and PBXs answer
 * out-of-dialog OPTIONS like this on purpose, so they are info only.
 */
const POLICY_REFUSALS: ReadonlySet<number> = new Set([401, 403, 404, 405, 407, 420, 501]);

/** info for a policy refusal, warning for everything else from 400 up (503 included). */
export function errorStatusSeverity(status: number): Severity {
  return POLICY_REFUSALS.has(status) || status >= 600 ? "info" : "warning";
}

function meaning(status: number): string {
  if (status === 503)
    return "503 means the server is in maintenance or overloaded: RFC 3263 clients move to the next server, others fail until it recovers";
  if (status === 401 || status === 407)
    return "the server wants authentication even for OPTIONS; phones that register with credentials are not affected";
  if (status === 403) return "the server refuses requests from unknown sources; phones it knows may still get through";
  if (status === 404)
    return "the server does not know the request's domain or user; if it should serve this domain, check its domain list";
  if (status === 405 || status === 501) return "the server does not take OPTIONS requests; other methods may work";
  if (status >= 600) return "the server declines the request everywhere (6xx)";
  if (status >= 500)
    return "the server failed while handling the request; phones that reach it may see the same on REGISTER and INVITE";
  return "the server rejected the request; phones may be rejected the same way";
}

/** transport.sip.error-status: OPTIONS answered with a final status of 400 or more. */
export const sipErrorStatus: ProbeRule = ({ probes, responseHandling }) => {
  const verdict = (status: number) => statusVerdict(status, responseHandling?.options);
  const findings: Finding[] = [];
  for (const endpoint of endpointsOf(probes)) {
    const answers = endpoint.probes.flatMap(({ sip, target }) => {
      const response: SipResponseInfo | undefined = sip?.outcome === "answered" ? sip.response : undefined;
      // A status the monitor counts as up is the server's healthy answer, not a finding.
      if (!response || response.status < 400 || verdict(response.status) === "up") return [];
      const retryAfter = response.headers["retry-after"]?.[0];
      return [
        {
          address: target.address,
          status: response.status,
          reason: response.reason,
          ...(retryAfter ? { retryAfter } : {}),
          ...((response.server ?? response.userAgent) ? { server: response.server ?? response.userAgent } : {}),
        },
      ];
    });
    if (answers.length === 0) continue;
    // Planned maintenance the monitor declared is worth knowing, not worth a warning.
    const severityOf = (status: number) => (verdict(status) === "maintenance" ? "info" : errorStatusSeverity(status));
    const severity = mostSevere(answers.map((a) => severityOf(a.status)));
    const worst = answers.find((a) => severityOf(a.status) === severity) ?? answers[0];
    const maintenance = answers.every((a) => verdict(a.status) === "maintenance");
    if (!worst) continue;
    const where = hostPort(endpoint.host, endpoint.port);
    const statuses = [...new Set(answers.map((a) => `${a.status} ${a.reason}`.trim()))];
    findings.push({
      id: "transport.sip.error-status",
      severity,
      title: `${where} answers OPTIONS over ${transportName(endpoint.transport)} with ${listText(statuses)}${maintenance ? " (maintenance, as the monitor expects)" : ""}`,
      detail: `The server is reachable, but ${meaning(worst.status)}.${worst.retryAfter ? ` It asks to retry after ${worst.retryAfter} seconds.` : ""}`,
      fix: maintenance
        ? "Nothing to do while the maintenance lasts; if it is over, check why the server still answers this way."
        : severity === "info"
          ? "Nothing to do if the server refuses unauthenticated OPTIONS on purpose; to let monitors see it healthy, allow OPTIONS from the monitor's addresses or answer them with 200."
          : "Check the SIP server's logs for this request and its health; a 503 that persists means the service is down for the phones that land here.",
      subject: endpoint.subject,
      evidence: { transport: endpoint.transport, host: endpoint.host, port: endpoint.port, answers },
    });
  }
  return findings;
};
