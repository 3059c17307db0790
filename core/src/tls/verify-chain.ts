import { toHex } from "../dns/bytes";
import type { CertificateMemo } from "./certificate-memo";
import { type CertificateParts, certificateParts, sameBytes } from "./certificate-parts";
import type { ChainVerification } from "./chain";
import { normaliseDnsName, wildcardCovers } from "./names";
import { MAX_CHAIN_CERTIFICATES } from "./parse-certificate";
import { signedBy } from "./signature";
import type { CertificateInfo } from "./types";

/** A certificate as the server sent it, and what parseCertificate read from it. */
export interface ServedCertificate {
  der: Uint8Array;
  info: CertificateInfo;
}

/**
 * Trust anchors (PEM), cut into parts on first use and indexed by subject: a runtime without
 * a system verifier (workerd, where `connect()` hides the certificate) builds one from a root
 * list. `base` lets a small store (a lab CA) extend a shared one (Mozilla's roots) without
 * re-reading it.
 */
export class TrustStore {
  private bySubject: Map<string, CertificateParts[]> | undefined;
  private readonly exact = new Set<string>();

  constructor(
    private readonly pems: readonly string[],
    private readonly base?: TrustStore,
  ) {}

  /** Anchors whose subject Name is encoded exactly as `name`. */
  named(name: Uint8Array): CertificateParts[] {
    const own = this.index().get(toHex(name)) ?? [];
    return this.base ? [...this.base.named(name), ...own] : own;
  }

  /** Whether this exact certificate is an anchor: a server may send the root itself. */
  contains(der: Uint8Array): boolean {
    return this.containsKey(toHex(der));
  }

  private containsKey(key: string): boolean {
    this.index();
    return this.exact.has(key) || (this.base?.containsKey(key) ?? false);
  }

  private index(): Map<string, CertificateParts[]> {
    if (this.bySubject) return this.bySubject;
    const index = new Map<string, CertificateParts[]>();
    for (const pem of this.pems) {
      let parts: CertificateParts;
      try {
        parts = certificateParts(pemToDer(pem));
      } catch {
        continue; // one unreadable root must not disable the others
      }
      const key = toHex(parts.subject);
      index.set(key, [...(index.get(key) ?? []), parts]);
      this.exact.add(toHex(parts.der));
    }
    this.bySubject = index;
    return index;
  }
}

/**
 * What a standard verifying client (OpenSSL's order: build the path, then dates, then the host
 * name per RFC 6125) decides about a served chain, with OpenSSL's error names so the findings
 * read the same whichever runtime verified. Like phones and OpenSSL, and unlike browsers, it
 * fetches no missing intermediate (no AIA chasing). Anchors' own dates are not checked.
 * Example: `await verifyServedChain(served, "sip1.example.com", new TrustStore(roots), new Date())`.
 */
export async function verifyServedChain(
  chain: readonly ServedCertificate[],
  host: string,
  anchors: TrustStore,
  now: Date,
  memo?: CertificateMemo,
): Promise<ChainVerification> {
  const served = chain.slice(0, MAX_CHAIN_CERTIFICATES).map((c) => ({ ...c, parts: certificateParts(c.der) }));
  const [leaf] = served;
  if (!leaf) return { trusted: false, error: "no certificate" };
  const verify = memo ? memo.signedBy.bind(memo) : signedBy;
  const path = await buildPath(leaf, served, anchors, verify);
  if ("error" in path) return { trusted: false, error: path.error, anchored: false };
  for (const { info } of path.certificates) {
    if (Date.parse(info.notAfter) < now.getTime())
      return { trusted: false, error: `CERT_HAS_EXPIRED: certificate has expired (${info.subject})`, anchored: true };
    if (Date.parse(info.notBefore) > now.getTime())
      return {
        trusted: false,
        error: `CERT_NOT_YET_VALID: certificate is not yet valid (${info.subject})`,
        anchored: true,
      };
  }
  const names = hostNames(leaf.info);
  const wanted = normaliseDnsName(host);
  const covers = (name: string) => normaliseDnsName(name) === wanted || wildcardCovers(normaliseDnsName(name), wanted);
  if (!names.some(covers)) {
    const listed = names.length > 0 ? names.join(", ") : "none";
    return {
      trusted: false,
      error: `ERR_TLS_CERT_ALTNAME_INVALID: Host: ${host}. is not in the cert's altnames: ${listed}`,
      anchored: true,
    };
  }
  return { trusted: true };
}

/**
 * Whether the served chain leads to one of `anchors`, dates and names aside. OpenSSL (and so
 * Node) reports only its last error: an expired leaf whose intermediate is missing reads
 * CERT_HAS_EXPIRED there, so the agent asks this too. `await chainReachesAnchor(served, store)`.
 */
export async function chainReachesAnchor(
  chain: readonly ServedCertificate[],
  anchors: TrustStore,
  memo?: CertificateMemo,
): Promise<boolean> {
  const served = chain.slice(0, MAX_CHAIN_CERTIFICATES).map((c) => ({ ...c, parts: certificateParts(c.der) }));
  const [leaf] = served;
  if (!leaf) return false;
  const path = await buildPath(leaf, served, anchors, memo ? memo.signedBy.bind(memo) : signedBy);
  return !("error" in path);
}

type Served = ServedCertificate & { parts: CertificateParts };
type Path = { certificates: Served[] } | { error: string };

/** Leaf up to an anchor, through what the server sent in any order (RFC 8446 4.4.2 allows it). */
async function buildPath(
  leaf: Served,
  served: Served[],
  anchors: TrustStore,
  signedBy: (cert: CertificateParts, issuer: CertificateParts) => Promise<boolean>,
): Promise<Path> {
  const certificates = [leaf];
  let current = leaf;
  for (let depth = 0; depth <= MAX_CHAIN_CERTIFICATES; depth++) {
    if (anchors.contains(current.der)) return { certificates };
    for (const anchor of anchors.named(current.parts.issuer)) {
      if (await signedBy(current.parts, anchor)) return { certificates };
    }
    if (current.info.selfSigned) {
      return depth === 0
        ? { error: "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate" }
        : { error: "SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate in certificate chain" };
    }
    let issuer: Served | undefined;
    for (const candidate of served) {
      if (certificates.includes(candidate) || !sameBytes(candidate.parts.subject, current.parts.issuer)) continue;
      if (await signedBy(current.parts, candidate.parts)) {
        issuer = candidate;
        break;
      }
    }
    if (!issuer) {
      // OpenSSL: a leaf whose issuer is nowhere is "the first certificate"; higher up, no local root.
      return depth === 0
        ? { error: "UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate" }
        : { error: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY: unable to get local issuer certificate" };
    }
    // RFC 5280 4.2.1.9: only a CA (basicConstraints cA) may issue certificates.
    if (!issuer.info.isCa) return { error: `INVALID_CA: invalid CA certificate (${issuer.info.subject})` };
    certificates.push(issuer);
    current = issuer;
  }
  return { error: "CERT_CHAIN_TOO_LONG: certificate chain too long" };
}

/** dNSName and iPAddress SANs; the CN only when there are none (RFC 6125 6.4.4). */
function hostNames(info: CertificateInfo): string[] {
  const names = [...info.subjectAltNames.dns, ...info.subjectAltNames.ip];
  if (names.length > 0) return names;
  return info.commonName ? [info.commonName] : [];
}

function pemToDer(pem: string): Uint8Array {
  const base64 = pem.replace(/-----[^-]+-----|\s/g, "");
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}
