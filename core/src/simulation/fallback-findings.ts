import type { Finding } from "../findings/types";
import { isSecure, TRANSPORT_LABEL } from "../sip/transports";
import type { SipResolution, Transport } from "../sip/types";
import { advertisedTransports } from "./advertised";
import type { ProfileOutcome } from "./types";

/**
 * fallback.* findings, from what the modelled clients really do: a change of transport (only
 * clients that make one), a registration that waits for timeouts, or no registration at all.
 * One finding per id, naming the clients concerned, so an alert says it once.
 */
export function fallbackFindings(resolution: SipResolution, outcomes: readonly ProfileOutcome[]): Finding[] {
  const domain = resolution.target.host;
  const advertised = advertisedTransports(resolution);
  const offered = [...advertised].map((t) => TRANSPORT_LABEL[t]).join(", ") || "nothing";
  const evidenceOf = (list: readonly ProfileOutcome[]) => ({
    advertised: [...advertised],
    profiles: list.map((o) => ({
      profile: o.profile,
      clients: o.clients,
      summary: o.summary,
      registered: o.outcome.registered,
      transport: o.outcome.transport ?? null,
      afterMs: o.outcome.afterMs,
    })),
  });
  const findings: Finding[] = [];
  const changed = (o: ProfileOutcome) => o.attempts.some((a) => a.step === "next-transport");
  const firstTransport = (o: ProfileOutcome) => o.attempts[0]?.candidate.transport;

  const noRecords = resolution.branch === "address";
  const onUdp = outcomes.filter(
    (o) =>
      o.outcome.transport === "udp" &&
      ((changed(o) && (advertised.has("tcp") || advertised.has("tls"))) || (noRecords && !o.configuredTransport)),
  );
  if (onUdp.length > 0) {
    findings.push({
      id: "fallback.udp",
      severity: "warning",
      subject: domain,
      title: noRecords
        ? `${names(onUdp)} use UDP for ${domain}: there are no NAPTR or SRV records`
        : `${names(onUdp)} move to UDP for ${domain}`,
      detail: `${said(onUdp)} DNS advertises ${offered}. UDP drops large SIP messages (RFC 3261 18.1.1) and NAT routers rewrite it.`,
      fix: noRecords
        ? `Publish _sips._tcp and _sip._tcp SRV records (and NAPTR) for ${domain} pointing at your SIP servers.`
        : "Make every TCP and TLS target answer, so these phones never give up on their first transport.",
      evidence: evidenceOf(onUdp),
    });
  }

  const downgraded = outcomes.filter(
    (o) =>
      changed(o) &&
      isSecureTransport(firstTransport(o)) &&
      o.outcome.transport !== undefined &&
      !isSecure(o.outcome.transport),
  );
  if (downgraded.length > 0) {
    findings.push({
      id: "fallback.plaintext",
      severity: "warning",
      subject: domain,
      title: `${names(downgraded)} give up on TLS for ${domain} and use plaintext`,
      detail: `${said(downgraded)} Their credentials and call metadata cross the network unencrypted.`,
      fix: `Keep every _sips._tcp.${domain} target reachable with a valid certificate.`,
      evidence: evidenceOf(downgraded),
    });
  }

  const delayed = outcomes.filter((o) => o.outcome.registered && o.outcome.afterMs > 0);
  if (delayed.length > 0) {
    findings.push({
      id: "fallback.delayed",
      severity: "warning",
      subject: domain,
      title: `${names(delayed)} register with ${domain} only after a timeout`,
      detail: `${said(delayed)} Registration and call setup wait that long every time the first target is tried.`,
      fix: "Remove or fix the targets that time out (a firewall that drops instead of refusing), so clients fail over at once.",
      evidence: evidenceOf(delayed),
    });
  }

  // A configured client that DNS gives nothing to try is dns.domain.no-address's story, not an outage here.
  const stranded = outcomes.filter((o) => !o.outcome.registered && (o.attempts.length > 0 || !o.configuredTransport));
  if (stranded.length > 0) {
    const outage = stranded.filter((o) => o.attempts.length === 0 || offeredTo(o, advertised));
    findings.push({
      id: "fallback.none",
      severity: outage.length > 0 ? "critical" : "warning",
      subject: domain,
      title: `${names(stranded)} cannot register with ${domain}`,
      detail: `${said(stranded)}${
        outage.length > 0
          ? " For these phones this is an outage."
          : ` DNS does not offer the transport they are set to.`
      }`,
      fix:
        outage.length > 0
          ? "Make the targets these phones choose answer: the records they follow must lead to a host with an address, an open port and a certificate that verifies."
          : `Offer the transports these phones are set to, or set them to one ${domain} advertises (${offered}).`,
      evidence: evidenceOf(stranded),
    });
  }
  return findings;
}

/** Whether the transport a configured client is set to is one DNS advertises. */
function offeredTo(o: ProfileOutcome, advertised: ReadonlySet<Transport>): boolean {
  return !o.configuredTransport || advertised.has(o.configuredTransport);
}

function isSecureTransport(transport: Transport | undefined): boolean {
  return transport !== undefined && isSecure(transport);
}

/** "baresip, Linphone set to TLS and pjsua" */
function names(list: readonly ProfileOutcome[]): string {
  const labels = list.map((o) => o.label);
  return labels.length <= 1 ? (labels[0] ?? "") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/** "baresip: registers over ... Linphone set to TLS, pjsua set to TLS: cannot register: ..." each distinct outcome once. */
function said(list: readonly ProfileOutcome[]): string {
  const bySummary = new Map<string, string[]>();
  for (const o of list) bySummary.set(o.summary, [...(bySummary.get(o.summary) ?? []), o.label]);
  return [...bySummary].map(([summary, labels]) => `${labels.join(", ")}: ${lowerFirst(summary)}`).join(" ");
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
