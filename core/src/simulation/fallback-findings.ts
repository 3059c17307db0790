import type { Finding } from "../findings/types";
import { isSecure, TRANSPORT_LABEL } from "../sip/transports";
import type { SipResolution } from "../sip/types";
import { advertisedTransports } from "./advertised";
import { PROFILES } from "./profiles";
import type { ProfileOutcome } from "./types";

const configuredPlaintext = new Set(PROFILES.filter((p) => p.configuredPlaintext).map((p) => p.id));

/**
 * fallback.* findings: where client profiles end up on a weaker transport, late, or nowhere.
 * One finding per id, listing the profiles concerned, so an alert says it once.
 */
export function fallbackFindings(resolution: SipResolution, outcomes: readonly ProfileOutcome[]): Finding[] {
  const domain = resolution.target.host;
  const advertised = advertisedTransports(resolution);
  const labels = [...advertised].map((t) => TRANSPORT_LABEL[t]).join(", ") || "nothing";
  const evidenceOf = (list: ProfileOutcome[]) => ({
    advertised: [...advertised],
    profiles: list.map((o) => ({ profile: o.profile, summary: o.summary, final: o.final ?? null, delayMs: o.delayMs })),
  });
  // "RFC 3263 client, SRV-only client: would use TCP to ..." with each distinct outcome said once.
  const said = (list: ProfileOutcome[]) => {
    const bySummary = new Map<string, string[]>();
    for (const o of list) bySummary.set(o.summary, [...(bySummary.get(o.summary) ?? []), o.label]);
    return [...bySummary].map(([summary, labels]) => `${labels.join(", ")}: ${lowerFirst(summary)}`).join(" ");
  };
  const findings: Finding[] = [];

  const onUdp = outcomes.filter(
    (o) =>
      o.final?.transport === "udp" &&
      !configuredPlaintext.has(o.profile) &&
      (advertised.has("tcp") || advertised.has("tls") || resolution.branch === "address"),
  );
  if (onUdp.length > 0) {
    const noRecords = resolution.branch === "address";
    findings.push({
      id: "fallback.udp",
      severity: "warning",
      subject: domain,
      title: noRecords
        ? `Phones use UDP for ${domain}: there are no NAPTR or SRV records`
        : `Some phones end up on UDP for ${domain}`,
      detail: `${said(onUdp)} DNS advertises ${labels}. UDP drops large SIP messages (RFC 3261 18.1.1) and NAT routers rewrite it.`,
      fix: noRecords
        ? `Publish _sips._tcp and _sip._tcp SRV records (and NAPTR) for ${domain} pointing at your SIP servers.`
        : "Order NAPTR so SIPS+D2T and SIP+D2T come before SIP+D2U, and make sure every TLS/TCP target resolves and answers.",
      evidence: evidenceOf(onUdp),
    });
  }

  // `_sip._tls` is where some operators publish TLS: clients never find it, but it shows TLS was meant.
  const legacyTls = Object.values(resolution.srv).some((s) => s.origin === "legacy" && s.targets.some((t) => t.host));
  const secureOffered = [...advertised].some(isSecure) || legacyTls;
  const plaintext = outcomes.filter(
    (o) => secureOffered && o.final && !isSecure(o.final.transport) && !configuredPlaintext.has(o.profile),
  );
  if (plaintext.length > 0) {
    findings.push({
      id: "fallback.plaintext",
      severity: "warning",
      subject: domain,
      title: `TLS is advertised for ${domain} but some phones use plaintext`,
      detail: `${said(plaintext)} Their credentials and call metadata cross the network unencrypted.`,
      fix:
        legacyTls && !advertised.has("tls")
          ? `Publish the TLS SRV records at _sips._tcp.${domain} (RFC 3263), not only at _sip._tls.${domain}.`
          : `Put SIPS+D2T first in NAPTR order and keep every _sips._tcp.${domain} target resolvable with a valid certificate.`,
      evidence: evidenceOf(plaintext),
    });
  }

  const delayed = outcomes.filter((o) => o.reached && o.delayMs > 0);
  if (delayed.length > 0) {
    findings.push({
      id: "fallback.delayed",
      severity: "warning",
      subject: domain,
      title: `Some phones reach ${domain} only after a timeout`,
      detail: `${said(delayed)} Registration and call setup wait that long every time the first target is tried.`,
      fix: "Remove or fix the targets that time out (firewall drops instead of refusing), so clients fail over at once.",
      evidence: evidenceOf(delayed),
    });
  }

  // A legacy profile that found nothing to try is dns.domain.no-address's story; here only when targets failed.
  const stranded = outcomes.filter((o) => !o.reached && (!configuredPlaintext.has(o.profile) || o.attempts.length > 0));
  if (stranded.length > 0) {
    const strictFails = stranded.some((o) => !configuredPlaintext.has(o.profile));
    findings.push({
      id: "fallback.none",
      severity: strictFails ? "critical" : "warning",
      subject: domain,
      title: `Some phones cannot reach ${domain} at all`,
      detail: said(stranded),
      fix: strictFails
        ? "Make sure the records clients follow lead to a host with an address that answers."
        : `Give ${domain} an A/AAAA record for a SIP server, or configure these phones with the server's name.`,
      evidence: evidenceOf(stranded),
    });
  }
  return findings;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
