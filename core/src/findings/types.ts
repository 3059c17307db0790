import type { SEVERITIES } from "../catalogue/monitor-rules";
import type { EvidenceOf } from "../contract/finding-evidence";

/**
 * A finding: something an operator should know, with the evidence that triggered it and the
 * fix in plain words. Ids are stable once shipped (API, alerts and docs use them).
 */
export type Severity = (typeof SEVERITIES)[number];

export type FindingId =
  | "dns.discovery.none"
  | "dns.naptr.dangling"
  | "dns.naptr.invalid"
  | "dns.naptr.secure-not-preferred"
  | "dns.naptr.srv-mismatch"
  | "dns.srv.target-cname"
  | "dns.srv.target-unresolvable"
  | "dns.srv.target-dot"
  | "dns.srv.legacy-name"
  | "dns.srv.port-suspicious"
  | "dns.srv.single-target"
  | "dns.domain.no-address"
  | "dns.address.private-in-public"
  | "dns.address.no-ipv6"
  | "dns.resolver.disagree"
  | "dns.authoritative.inconsistent"
  | "dns.resolver.servfail"
  | "dns.resolver.error"
  | "transport.tcp.unreachable"
  | "transport.tls.handshake-failed"
  | "transport.mismatch"
  | "transport.udp.no-response"
  | "transport.udp.large-message"
  | "transport.sip.error-status"
  | "transport.sip.slow"
  | "transport.sip.private-address-in-headers"
  | "transport.sip.record-route-ip"
  | "transport.ws.upgrade-failed"
  | "register.refused"
  | "register.credentials-rejected"
  | "register.challenge-failed"
  | "register.no-contact"
  | "register.slow"
  | "register.contact-private"
  | "register.binding-not-removed"
  | "register.options-only"
  | "register.proxy-unreachable"
  | "tls.cert.expired"
  | "tls.cert.not-yet-valid"
  | "tls.cert.expiring"
  | "tls.cert.name-mismatch-domain"
  | "tls.cert.name-mismatch-target"
  | "tls.cert.wildcard"
  | "tls.cert.untrusted"
  | "tls.cert.chain-incomplete"
  | "tls.version.legacy"
  | "tls.key.weak"
  | "fallback.udp"
  | "fallback.plaintext"
  | "fallback.delayed"
  | "fallback.none"
  | "edge.target.private"
  | "vantage.region-only"
  | "vantage.edge-vs-agent"
  | "split-dns.mismatch"
  | "split-dns.internal-only";

/** What every finding says, whatever its id. */
export interface FindingText {
  severity: Severity;
  /** One line, names the thing: "SRV target sip2.example.com has no address". */
  title: string;
  /** What clients will do because of it, in plain words. */
  detail: string;
  /** What to change, in plain words. */
  fix: string;
  /** The DNS name, host or profile the finding is about; with `id` it identifies the finding across runs. */
  subject: string;
}

/** A finding with id `I` and the evidence core/src/contract/finding-evidence.ts gives that id. */
export type FindingOf<I extends FindingId> = FindingText & {
  id: I;
  /** Records, addresses, resolver, timings: whatever proves it. JSON-serialisable. */
  evidence: EvidenceOf<I>;
};

/**
 * Any finding, discriminated by id: a rule that writes evidence of another shape than its id's
 * schema does not compile.
 */
export type Finding = { [I in FindingId]: FindingOf<I> }[FindingId];

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, critical: 2 };

/** Most severe first, then by id and subject, so reports and diffs are stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      a.id.localeCompare(b.id) ||
      a.subject.localeCompare(b.subject),
  );
}

/** The findings with id `id`, typed by it: `withId(report.findings, "dns.srv.target-cname")[0]?.evidence.cnames`. */
export function withId<I extends FindingId>(findings: readonly Finding[], id: I): Extract<Finding, { id: I }>[] {
  return findings.filter((f): f is Extract<Finding, { id: I }> => f.id === id);
}
