import type { FindingId, Severity } from "../findings/types";

/**
 * Every finding sipwatch can report: the rule that emits it (its file under core/src), the
 * severities it may carry, a title for lists and a one-line explanation for the docs, the API
 * and editors. Ids are stable once shipped; `finding-registry.test.ts` fails when an id has no
 * rule or a rule emits an id that is not here. Typed by FindingId, so a new id without an entry
 * does not compile.
 */
export interface FindingEntry {
  /** The files whose rules emit it (relative to core/src). */
  rules: readonly string[];
  severities: readonly Severity[];
  title: string;
  docs: string;
}

const C = ["critical"] as const;
const W = ["warning"] as const;
const I = ["info"] as const;
const WC = ["warning", "critical"] as const;
const IW = ["info", "warning"] as const;
const IC = ["info", "critical"] as const;
const IWC = ["info", "warning", "critical"] as const;

const dns = (file: string) => `findings/rules/${file}.ts`;
const probe = (file: string) => `findings/probe-rules/${file}.ts`;
const reg = (file: string) => `findings/register-rules/${file}.ts`;
const cross = (file: string) => `findings/cross-vantage/${file}.ts`;
const FALLBACK = "simulation/fallback-findings.ts";

const entry = (
  rule: string | readonly string[],
  severities: readonly Severity[],
  title: string,
  docs: string,
): FindingEntry => ({
  rules: typeof rule === "string" ? [rule] : rule,
  severities,
  title,
  docs,
});

export const FINDING_REGISTRY: Readonly<Record<FindingId, FindingEntry>> = {
  "dns.discovery.none": entry(
    dns("discovery-none"),
    WC,
    "No NAPTR or SRV records",
    "Every client falls back to the domain's A/AAAA records and UDP on port 5060 (RFC 3263 4.1, 4.2).",
  ),
  "dns.naptr.dangling": entry(
    dns("naptr-dangling"),
    WC,
    "NAPTR points to an SRV owner without records",
    "RFC 3263 clients choose a transport from NAPTR that leads nowhere.",
  ),
  "dns.naptr.invalid": entry(
    dns("naptr-invalid"),
    W,
    "NAPTR records clients skip",
    "Flags other than S/A, a regexp instead of a replacement, or a service clients do not know.",
  ),
  "dns.naptr.secure-not-preferred": entry(
    dns("naptr-secure-not-preferred"),
    W,
    "Plaintext NAPTR preferred over TLS",
    "A SIP+D2x record sorts before the best SIPS+D2T, so RFC 3263 clients may use plaintext although TLS is offered.",
  ),
  "dns.naptr.srv-mismatch": entry(
    dns("naptr-srv-mismatch"),
    W,
    "NAPTR and well-known SRV disagree",
    "NAPTR-following clients and SRV-only clients (many desk phones) end up with different transports or servers.",
  ),
  "dns.srv.target-cname": entry(
    dns("srv-target-cname"),
    W,
    "SRV target is an alias",
    "RFC 2782 says an SRV target must not be an alias; some SIP stacks refuse the answer.",
  ),
  "dns.srv.target-unresolvable": entry(
    dns("srv-target-unresolvable"),
    WC,
    "SRV target has no address",
    "Critical when no target of that SRV owner has an address: the transport is dead for every client.",
  ),
  "dns.srv.target-dot": entry(
    dns("srv-target-dot"),
    IW,
    'SRV target "."',
    'RFC 2782 "decidedly not available": fine when deliberate, a contradiction when NAPTR advertises the transport.',
  ),
  "dns.srv.legacy-name": entry(
    dns("srv-legacy-name"),
    W,
    "TLS published at _sip._tls",
    "RFC 3263 clients query _sips._tcp and never ask for the legacy name.",
  ),
  "dns.srv.port-suspicious": entry(
    dns("srv-port-suspicious"),
    W,
    "TLS on 5060 or plaintext on 5061",
    "Usually a record copied from the neighbouring transport; the probes tell which listener is there.",
  ),
  "dns.srv.single-target": entry(
    dns("srv-single-target"),
    I,
    "One server per transport",
    "No failover when that server is down.",
  ),
  "dns.domain.no-address": entry(
    dns("domain-no-address"),
    W,
    "SIP domain has no A/AAAA",
    "Clients configured with the domain as a plain host name (no NAPTR/SRV support) cannot connect.",
  ),
  "dns.address.private-in-public": entry(
    dns("address-private-in-public"),
    WC,
    "Private address in public DNS",
    "An RFC 1918, CGNAT, loopback, link-local or ULA address; critical when a strict client would try it.",
  ),
  "dns.address.no-ipv6": entry(
    dns("address-no-ipv6"),
    I,
    "No IPv6 address",
    "A records but no AAAA anywhere in the discovery chain.",
  ),
  "dns.resolver.disagree": entry(
    [dns("resolvers-disagree"), cross("vantage-dns-disagree")],
    W,
    "Resolvers give different answers",
    "Public resolvers (or vantage points) see different records, so phones see different servers.",
  ),
  "dns.authoritative.inconsistent": entry(
    dns("authoritative-inconsistent"),
    W,
    "Authoritative servers disagree",
    "SOA serials or answers differ between the zone's own servers, or one is lame.",
  ),
  "dns.resolver.servfail": entry(
    dns("resolver-servfail"),
    WC,
    "Resolver answered SERVFAIL",
    "Most often a DNSSEC validation failure or lame authoritative servers.",
  ),
  "dns.resolver.error": entry(
    dns("resolver-error"),
    W,
    "No usable DNS answer",
    "A timeout, malformed or truncated response, or REFUSED: nothing is known about the name.",
  ),
  "transport.tcp.unreachable": entry(
    probe("tcp-unreachable"),
    WC,
    "TCP connect fails",
    "Refused, timed out or no route; critical when no probed target of that transport works.",
  ),
  "transport.tls.handshake-failed": entry(
    probe("tls-handshake-failed"),
    WC,
    "TLS handshake fails",
    "TCP connects on a TLS or WSS port but the handshake fails, is reset or stalls.",
  ),
  "transport.mismatch": entry(
    probe("transport-mismatch"),
    WC,
    "Port speaks another transport",
    "Plaintext on a TLS/WSS port, or TLS on a TCP/WS port, against what DNS advertises.",
  ),
  "transport.udp.no-response": entry(
    probe("udp-no-response"),
    WC,
    "No answer over UDP",
    "SIP OPTIONS over UDP got no answer (agents only; the edge has no UDP).",
  ),
  "transport.udp.large-message": entry(
    probe("udp-large-message"),
    W,
    "Responses too large for UDP",
    "RFC 3261 18.1.1: near the path MTU a request must go over TCP; UDP fragments get lost.",
  ),
  "transport.sip.error-status": entry(
    probe("sip-error-status"),
    IW,
    "OPTIONS answered with an error",
    "The server is there but refuses strangers' OPTIONS, or answers with a server error.",
  ),
  "transport.sip.slow": entry(
    probe("sip-slow"),
    W,
    "Slow SIP answers",
    "An OPTIONS round trip above the monitor's threshold; over UDP a retransmission means a lost packet.",
  ),
  "transport.sip.private-address-in-headers": entry(
    probe("sip-private-address-in-headers"),
    W,
    "Private addresses in SIP headers",
    "A public server answers with private addresses in Contact, Record-Route or Via received.",
  ),
  "transport.sip.record-route-ip": entry(
    probe("sip-record-route-ip"),
    W,
    "Record-Route names an IP address",
    "TLS clients cannot match the certificate against an address.",
  ),
  "transport.ws.upgrade-failed": entry(
    probe("ws-upgrade-failed"),
    WC,
    "WebSocket upgrade fails",
    "No 101 with Sec-WebSocket-Protocol: sip (RFC 7118 section 4); WebRTC clients cannot connect.",
  ),
  "register.refused": entry(
    reg("register-refused"),
    // info: every refusal was a status the monitor counts as maintenance (its response handling).
    IC,
    "REGISTER refused",
    "A final 3xx-6xx to REGISTER that is not a challenge, or 423 twice; info when the monitor counts the status as maintenance.",
  ),
  "register.credentials-rejected": entry(
    reg("register-credentials-rejected"),
    C,
    "Credentials rejected",
    "The registrar challenged again after the digest answer (RFC 3261 22.2).",
  ),
  "register.challenge-failed": entry(
    reg("register-challenge-failed"),
    C,
    "Challenge cannot be answered",
    "Stale nonce after stale nonce, or a challenge no phone can answer.",
  ),
  "register.no-contact": entry(
    reg("register-no-contact"),
    W,
    "200 without the new binding",
    "The registrar's 200 does not list the binding just made (RFC 3261 10.3 step 8).",
  ),
  "register.slow": entry(
    reg("register-slow"),
    W,
    "Slow registration",
    "Registration took longer than twice the monitor's SIP threshold.",
  ),
  "register.contact-private": entry(
    reg("register-contact-private"),
    W,
    "Binding stored with a private address",
    "The registrar stored a Contact that calls cannot reach.",
  ),
  "register.binding-not-removed": entry(
    reg("register-binding-not-removed"),
    W,
    "Test binding not removed",
    "REGISTER with Expires: 0 left the test binding in place, or failed.",
  ),
  "register.options-only": entry(
    reg("register-options-only"),
    C,
    "OPTIONS answered, REGISTER not",
    "The server answers OPTIONS but REGISTER gets no usable answer.",
  ),
  "register.proxy-unreachable": entry(
    reg("register-proxy-unreachable"),
    C,
    "Outbound proxy unreachable",
    "The test account's outbound proxy gives no usable answer to REGISTER, so phones set up with it cannot register.",
  ),
  "tls.cert.expired": entry(
    probe("cert-expired"),
    WC,
    "Certificate expired",
    "Verifying phones refuse a leaf or served intermediate past notAfter.",
  ),
  "tls.cert.not-yet-valid": entry(
    probe("cert-not-yet-valid"),
    C,
    "Certificate not yet valid",
    "The certificate starts after now: installed too early, or a wrong clock.",
  ),
  "tls.cert.expiring": entry(
    probe("cert-expiring"),
    IWC,
    "Certificate expires soon",
    "30 / 14 / 7 days for long-lived certificates, scaled down for short-lived ones.",
  ),
  "tls.cert.name-mismatch-domain": entry(
    probe("cert-name-mismatch-domain"),
    C,
    "Certificate does not name the SIP domain",
    "RFC 5922 7.3: clients that found the server through NAPTR/SRV check the URI's domain.",
  ),
  "tls.cert.name-mismatch-target": entry(
    probe("cert-name-mismatch-target"),
    IC,
    "Certificate does not name the server",
    "Critical when the SIP domain is not covered either: no client accepts the certificate.",
  ),
  "tls.cert.wildcard": entry(
    probe("cert-wildcard"),
    W,
    "Certificate covers the name only by wildcard",
    "RFC 5922 7.2 tells SIP clients not to accept wildcards.",
  ),
  "tls.cert.untrusted": entry(
    probe("cert-untrusted"),
    C,
    "Certificate not trusted",
    "Self-signed, an unknown or private CA, or a bad signature: verifying phones refuse it.",
  ),
  "tls.cert.chain-incomplete": entry(
    probe("cert-chain-incomplete"),
    W,
    "Intermediate certificate missing",
    "Browsers fetch it from the AIA URL; desk phones and most SIP stacks fail.",
  ),
  "tls.version.legacy": entry(
    probe("tls-version-legacy"),
    WC,
    "TLS below 1.2",
    "Current phones and libraries refuse TLS 1.0 and 1.1.",
  ),
  "tls.key.weak": entry(
    probe("key-weak"),
    W,
    "Weak key or signature",
    "RSA below 2048 bits, EC below 224, a SHA-1 or MD5 signature.",
  ),
  "fallback.udp": entry(
    FALLBACK,
    W,
    "Phones fall back to UDP",
    "Some modelled clients change to UDP when the preferred transport fails.",
  ),
  "fallback.plaintext": entry(
    FALLBACK,
    W,
    "Phones fall back to plaintext",
    "Some modelled clients change from TLS to an unencrypted transport.",
  ),
  "fallback.delayed": entry(
    FALLBACK,
    W,
    "Registration waits for timeouts",
    "Some modelled clients register only after timeouts on dead targets.",
  ),
  "fallback.none": entry(
    FALLBACK,
    WC,
    "Phones cannot register",
    "Some (warning) or all (critical) modelled clients register nowhere.",
  ),
  "edge.target.private": entry(
    "audit/edge-target-policy.ts",
    I,
    "Private target not probed from the edge",
    "The cloud regions refuse private addresses (SSRF); an agent inside the network probes them.",
  ),
  "vantage.region-only": entry(
    cross("region-only"),
    W,
    "Fails from some regions only",
    "The service works from some cloud regions and fails from others.",
  ),
  "vantage.edge-vs-agent": entry(
    cross("edge-vs-agent"),
    W,
    "Agent and edge disagree",
    "A server answers from the agent's network but not from the internet, or the other way round.",
  ),
  "split-dns.mismatch": entry(
    cross("split-dns"),
    W,
    "Internal and public DNS differ",
    "An agent's resolver and the public resolvers give different answers for the same name.",
  ),
  "split-dns.internal-only": entry(
    cross("split-dns"),
    WC,
    "Name exists only in internal DNS",
    "Phones outside the network cannot find it; critical when nothing of it is public.",
  ),
};

/** Every finding id, in the registry's order. */
export const FINDING_IDS = Object.keys(FINDING_REGISTRY) as FindingId[];

export const isFindingId = (value: string): value is FindingId => Object.hasOwn(FINDING_REGISTRY, value);
