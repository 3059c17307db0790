import type { ProbeTarget, SipOptionsResult, SipResponseInfo, TargetProbes, TlsProbeResult } from "../../probe/types";
import { defaultPort } from "../../sip/transports";
import type { SipResolution, Transport } from "../../sip/types";
import type { CertificateInfo } from "../../tls/types";
import { healthyZone, resolveZone } from "../rules/test-zone";
import type { ProbeRuleInput } from "./rule";

/**
 * Test helpers for the probe rules: the healthy zone of rules/test-zone.ts, probed with every
 * answer a careful operator would want (TLS 1.3, a public-CA chain naming the domain and both
 * servers, 200 OK in 40 ms). Tests break one thing at a time with `change`.
 */
export { summary } from "../rules/test-zone";

export const D = "example.com";
export const NOW = new Date("2025-06-01T00:00:00Z");

export function target(
  transport: Transport,
  host: string,
  address: string,
  port = defaultPort(transport),
  sipDomain = D,
): ProbeTarget {
  return { transport, host, address, port, sipDomain };
}

/** A hash good enough to tell test certificates apart. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(8);
}

/** A leaf from a public CA naming the domain and both servers, valid 2025-03-01 to 2025-11-27 (179 days left at NOW). */
export function certificate(overrides: Partial<CertificateInfo> & { dns?: string[] } = {}): CertificateInfo {
  const { dns, ...rest } = overrides;
  const cert: CertificateInfo = {
    subject: "CN=sip1.example.com",
    commonName: "sip1.example.com",
    issuer: "CN=Example Issuing CA, O=Example Trust",
    subjectAltNames: { dns: dns ?? [D, `sip1.${D}`, `sip2.${D}`], ip: [], uri: [] },
    notBefore: "2025-03-01T00:00:00.000Z",
    notAfter: "2025-11-27T00:00:00.000Z",
    serialNumber: "0a1b2c",
    keyType: "ec",
    keyBits: 256,
    curve: "P-256",
    signatureAlgorithm: "ecdsa-with-SHA256",
    selfSigned: false,
    isCa: false,
    fingerprintSha256: "",
    ...rest,
  };
  return { ...cert, fingerprintSha256: rest.fingerprintSha256 ?? fingerprint(JSON.stringify(cert)) };
}

/** The intermediate that issued `certificate()`, itself issued by a root clients hold. */
export function issuingCa(overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return certificate({
    subject: "CN=Example Issuing CA, O=Example Trust",
    commonName: "Example Issuing CA",
    issuer: "CN=Example Root CA, O=Example Trust",
    dns: [],
    notBefore: "2024-01-01T00:00:00.000Z",
    notAfter: "2027-01-01T00:00:00.000Z",
    keyType: "rsa",
    keyBits: 2048,
    signatureAlgorithm: "sha256WithRSAEncryption",
    isCa: true,
    ...overrides,
  });
}

export function rootCa(overrides: Partial<CertificateInfo> = {}): CertificateInfo {
  return issuingCa({
    subject: "CN=Example Root CA, O=Example Trust",
    commonName: "Example Root CA",
    issuer: "CN=Example Root CA, O=Example Trust",
    selfSigned: true,
    ...overrides,
  });
}

export function tlsResult(t: ProbeTarget, overrides: Partial<TlsProbeResult> = {}): TlsProbeResult {
  return {
    target: t,
    outcome: "connected",
    connectMs: 20,
    handshakeMs: 45,
    version: "TLSv1.3",
    cipher: "TLS_AES_128_GCM_SHA256",
    chain: [certificate(), issuingCa()],
    verification: { trusted: true },
    legacyVersionsAccepted: [],
    ...overrides,
  };
}

export function sipResponse(t: ProbeTarget, overrides: Partial<SipResponseInfo> = {}): SipResponseInfo {
  return {
    status: 200,
    reason: "OK",
    server: "Kamailio (5.8)",
    allow: ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS"],
    supported: [],
    viaReceived: "198.51.100.7",
    contact: [`<sip:${t.host}:${t.port};transport=${t.transport}>`],
    recordRoute: [],
    bytes: 480,
    headers: {},
    ...overrides,
  };
}

export function sipResult(
  t: ProbeTarget,
  overrides: Partial<Omit<SipOptionsResult, "response">> & { response?: Partial<SipResponseInfo> } = {},
): SipOptionsResult {
  const { response, ...rest } = overrides;
  return {
    target: t,
    outcome: "answered",
    rttMs: 40,
    ...(t.transport === "udp" ? { transmissions: 1 } : {}),
    response: sipResponse(t, response),
    ...rest,
  };
}

/** What run-probes collects from a healthy target: TCP connect, TLS handshake and OPTIONS as the transport needs. */
export function healthyProbes(t: ProbeTarget): TargetProbes {
  switch (t.transport) {
    case "tcp":
      return { target: t, tcp: { target: t, outcome: "connected", connectMs: 20 }, sip: sipResult(t) };
    case "tls":
      return { target: t, tls: tlsResult(t), sip: sipResult(t) };
    default:
      return { target: t, sip: sipResult(t) };
  }
}

export function healthyResolution(): Promise<SipResolution> {
  return resolveZone(D, healthyZone());
}

/** Every candidate of the resolution, probed healthy: TLS, TCP and UDP on sip1 and sip2, IPv4 and IPv6. */
export function healthyProbesFor(resolution: SipResolution): TargetProbes[] {
  return resolution.candidates.map((c) => healthyProbes(target(c.transport, c.host, c.address, c.port)));
}

/** Selects probes: `on("tls", "sip2.example.com")`, optionally one address. */
export function on(transport: Transport, host?: string, address?: string): (p: TargetProbes) => boolean {
  return (p) =>
    p.target.transport === transport &&
    (host === undefined || p.target.host === host) &&
    (address === undefined || p.target.address === address);
}

/** The probes with `edit` applied to those `where` selects. */
export function change(
  probes: readonly TargetProbes[],
  where: (p: TargetProbes) => boolean,
  edit: (p: TargetProbes) => TargetProbes,
): TargetProbes[] {
  return probes.map((p) => (where(p) ? edit(p) : p));
}

export function ruleInput(
  resolution: SipResolution,
  probes: TargetProbes[],
  extra: Partial<ProbeRuleInput> = {},
): ProbeRuleInput {
  return { resolution, probes, now: NOW, slowMs: 1000, ...extra };
}

/** Edit for `change`: the TLS probe completes and serves `chain`, with optional overrides. */
export function serving(
  chain: CertificateInfo[],
  overrides: Partial<TlsProbeResult> = {},
): (p: TargetProbes) => TargetProbes {
  return (p) => ({ ...p, tls: tlsResult(p.target, { chain, ...overrides }) });
}
