import type { TargetProbes, TlsProbeResult } from "../../probe/types";
import { analyseChain, type ChainAnalysis, type ChainVerification } from "../../tls/chain";
import type { CertificateInfo } from "../../tls/types";
import { type Endpoint, endpointsOf } from "./probe-facts";
import type { ProbeRuleInput } from "./rule";

/** One chain a TLS endpoint served, with every address that served exactly it. */
export interface ServedChain {
  chain: CertificateInfo[];
  leaf: CertificateInfo;
  addresses: string[];
  verification?: ChainVerification;
  analysis: ChainAnalysis;
  results: TlsProbeResult[];
}

/** An endpoint whose TLS handshake completed on at least one address, with the distinct chains it served. */
export interface TlsEndpoint extends Endpoint {
  served: ServedChain[];
}

/**
 * Completed handshakes grouped by endpoint and by chain, so a certificate served on the IPv4 and
 * IPv6 address of one host becomes one finding listing both addresses, while a node serving a
 * stale certificate stays visible beside its healthy twin.
 */
export function tlsEndpoints(input: ProbeRuleInput): TlsEndpoint[] {
  const endpoints: TlsEndpoint[] = [];
  for (const endpoint of endpointsOf(input.probes)) {
    const served = new Map<string, ServedChain>();
    for (const probe of endpoint.probes) {
      const tls = completedHandshake(probe);
      const leaf = tls?.chain[0];
      if (!tls || !leaf) continue;
      const key = tls.chain.map((c) => c.fingerprintSha256).join(" ");
      const entry = served.get(key);
      if (entry) {
        entry.addresses.push(probe.target.address);
        entry.results.push(tls);
        continue;
      }
      served.set(key, {
        chain: tls.chain,
        leaf,
        addresses: [probe.target.address],
        ...(tls.verification ? { verification: tls.verification } : {}),
        analysis: analyseChain(tls.chain, input.now, tls.verification),
        results: [tls],
      });
    }
    if (served.size > 0) endpoints.push({ ...endpoint, served: [...served.values()] });
  }
  return endpoints;
}

function completedHandshake(probe: TargetProbes): TlsProbeResult | undefined {
  return probe.tls?.outcome === "connected" && probe.tls.chain.length > 0 ? probe.tls : undefined;
}

export interface CertificateEvidence {
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

/** The certificate facts an operator compares with `openssl s_client` output. */
export function certificateEvidence(cert: CertificateInfo): CertificateEvidence {
  return {
    subject: cert.subject,
    issuer: cert.issuer,
    subjectAltNames: sanList(cert),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    fingerprintSha256: cert.fingerprintSha256,
  };
}

/** SAN entries as openssl prints them: "DNS:sip.example.com", "URI:sip:example.com", "IP:192.0.2.1". */
export function sanList(cert: CertificateInfo): string[] {
  const { dns, uri, ip } = cert.subjectAltNames;
  return [...dns.map((n) => `DNS:${n}`), ...uri.map((n) => `URI:${n}`), ...ip.map((n) => `IP:${n}`)];
}

/** "2025-09-01" from an ISO timestamp, for titles. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}

/** Where one served chain was seen and what its leaf says. */
export function servedEvidence(served: ServedChain): { addresses: string[]; certificate: CertificateEvidence } {
  return { addresses: served.addresses, certificate: certificateEvidence(served.leaf) };
}

/** Certificates clients check: the leaf and intermediates; a self-signed root is the client's own copy. */
export function checkedCertificates(served: ServedChain): { cert: CertificateInfo; index: number }[] {
  return served.chain.flatMap((cert, index) => (index === 0 || !cert.selfSigned ? [{ cert, index }] : []));
}

/** "the certificate" for the leaf, "the intermediate certificate CN=..." otherwise. */
export function certificateRole(cert: CertificateInfo, index: number): string {
  if (index === 0) return "the certificate";
  return `${cert.selfSigned ? "the root" : "the intermediate"} certificate ${cert.subject}`;
}
