import ipaddr from "ipaddr.js";
import type { CertificateInfo } from "./types";

/** One SIP domain identity a certificate asserts (RFC 5922 7.1). */
export interface CertificateName {
  source: "sip-uri" | "dns" | "common-name";
  /** As written in the certificate: "sip:example.com", "*.example.com", "CN=sip.example.com". */
  value: string;
  /** The DNS name compared: lower case, without a trailing dot. */
  name: string;
}

export interface NameMatch {
  /** "wildcard": only a "*.example.com" name covers the host, which RFC 5922 7.2 tells SIP clients to refuse. */
  match: "exact" | "wildcard" | "none";
  /** The certificate name that matched, as written. */
  via?: string;
}

/**
 * The names a SIP client compares with the domain: subjectAltName URIs of scheme "sip" without
 * a user part, and dNSNames; the subject CN only when the certificate has neither (the legacy
 * fallback RFC 5922 7.1 step 2 allows). RFC 5922 7.1 goes further and ignores dNSNames once a
 * sip: URI is present; sipwatch keeps both because deployed stacks (and public CAs, which issue
 * no sip: URIs) check dNSNames regardless.
 * Example: SAN "sip:example.com", "sip1.example.com" -> names "example.com", "sip1.example.com".
 */
export function certificateNames(cert: CertificateInfo): CertificateName[] {
  const names: CertificateName[] = [];
  for (const uri of cert.subjectAltNames.uri) {
    const name = sipUriDomain(uri);
    if (name) names.push({ source: "sip-uri", value: uri, name });
  }
  for (const dns of cert.subjectAltNames.dns) names.push({ source: "dns", value: dns, name: normaliseDnsName(dns) });
  if (names.length === 0 && cert.commonName && DNS_NAME.test(cert.commonName)) {
    names.push({ source: "common-name", value: `CN=${cert.commonName}`, name: normaliseDnsName(cert.commonName) });
  }
  return names;
}

/**
 * Whether the certificate names `host` (a SIP domain or an SRV target): case-insensitive,
 * trailing dot ignored; "*.example.com" covers exactly one left-most label and is reported
 * apart because RFC 5922 7.2 forbids SIP clients to accept it. An IP literal is compared with
 * the iPAddress SANs.
 * Example: `matchCertificateName(cert, "sip1.example.com")` -> `{ match: "wildcard", via: "*.example.com" }`.
 */
export function matchCertificateName(cert: CertificateInfo, host: string): NameMatch {
  const wanted = normaliseDnsName(host);
  const literal = ipLiteral(wanted);
  if (literal) {
    const via = cert.subjectAltNames.ip.find((ip) => ipLiteral(ip) === literal);
    return via ? { match: "exact", via } : { match: "none" };
  }
  const names = certificateNames(cert);
  const exact = names.find((n) => n.name === wanted);
  if (exact) return { match: "exact", via: exact.value };
  const wildcard = names.find((n) => n.source !== "sip-uri" && wildcardCovers(n.name, wanted));
  return wildcard ? { match: "wildcard", via: wildcard.value } : { match: "none" };
}

// Letters, digits, hyphens and underscores in dot-separated labels, optionally a leading "*.".
const DNS_NAME = /^(\*\.)?([a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.)*[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?\.?$/i;

/** Lower case, no trailing dot: how DNS names compare (RFC 4343). */
export function normaliseDnsName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, "");
}

/** "*.example.com" covers "sip.example.com", not "example.com" nor "a.b.example.com"; "*.com" covers nothing. */
export function wildcardCovers(pattern: string, host: string): boolean {
  if (!pattern.startsWith("*.")) return false;
  const parent = pattern.slice(2);
  if (!parent.includes(".")) return false;
  const dot = host.indexOf(".");
  return dot > 0 && host.slice(dot + 1) === parent;
}

/** The host of `sip:host[:port][;params]`, or null for other schemes and URIs with a user part. */
function sipUriDomain(uri: string): string | null {
  const match = /^sip:([^;?]*)/i.exec(uri.trim());
  const hostport = match?.[1];
  if (!hostport || hostport.includes("@")) return null;
  const host = hostport.startsWith("[") ? hostport.slice(1, hostport.indexOf("]")) : hostport.split(":")[0];
  return host ? normaliseDnsName(host) : null;
}

/** Canonical text of an IP literal ("2001:DB8:0::1" -> "2001:db8::1"), or null for a name. */
function ipLiteral(text: string): string | null {
  const bare = text.replace(/^\[|\]$/g, "");
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return bare;
  if (bare.includes(":") && ipaddr.IPv6.isValid(bare)) return ipaddr.IPv6.parse(bare).toString();
  return null;
}
