import type { ChainVerification } from "./chain";
import { MAX_CHAIN_CERTIFICATES } from "./parse-certificate";
import { x509 } from "./x509";

/**
 * Trust anchors (PEM), parsed on first use and indexed by subject: a runtime without a system
 * verifier (workerd, where `connect()` hides the certificate) builds one from a root list.
 */
export class TrustStore {
  private bySubject: Map<string, x509.X509Certificate[]> | undefined;
  private readonly fingerprints = new Set<string>();

  constructor(private readonly pems: readonly string[]) {}

  /** Anchors whose subject is `name`. */
  named(name: string): x509.X509Certificate[] {
    return this.index().get(name) ?? [];
  }

  /** Whether this exact certificate (same DER) is an anchor: a server may send the root itself. */
  contains(cert: x509.X509Certificate): boolean {
    this.index();
    return this.fingerprints.has(derKey(cert));
  }

  private index(): Map<string, x509.X509Certificate[]> {
    if (this.bySubject) return this.bySubject;
    const index = new Map<string, x509.X509Certificate[]>();
    for (const pem of this.pems) {
      let cert: x509.X509Certificate;
      try {
        cert = new x509.X509Certificate(pem);
      } catch {
        continue; // one unreadable root must not disable the others
      }
      index.set(cert.subject, [...(index.get(cert.subject) ?? []), cert]);
      this.fingerprints.add(derKey(cert));
    }
    this.bySubject = index;
    return index;
  }
}

/**
 * What a standard verifying client (OpenSSL's order: build the path, then dates, then the host
 * name per RFC 6125) decides about a served chain, with OpenSSL's error names so the findings
 * read the same whichever runtime verified. Like phones and OpenSSL, and unlike browsers, it
 * fetches no missing intermediate (no AIA chasing).
 * Example: `await verifyServedChain(ders, "sip1.example.com", new TrustStore(roots), new Date())`.
 */
export async function verifyServedChain(
  ders: readonly Uint8Array[],
  host: string,
  anchors: TrustStore,
  now: Date,
): Promise<ChainVerification> {
  const served = ders.slice(0, MAX_CHAIN_CERTIFICATES).map((der) => new x509.X509Certificate(der.slice()));
  const [leaf] = served;
  if (!leaf) return { trusted: false, error: "no certificate" };
  const path = await buildPath(leaf, served, anchors);
  if ("error" in path) return { trusted: false, error: path.error };
  for (const cert of path.certificates) {
    if (cert.notAfter.getTime() < now.getTime())
      return { trusted: false, error: `CERT_HAS_EXPIRED: certificate has expired (${cert.subject})` };
    if (cert.notBefore.getTime() > now.getTime())
      return { trusted: false, error: `CERT_NOT_YET_VALID: certificate is not yet valid (${cert.subject})` };
  }
  const names = hostNames(leaf);
  if (!names.some((name) => nameCovers(name, host))) {
    const listed = names.length > 0 ? names.join(", ") : "none";
    return {
      trusted: false,
      error: `ERR_TLS_CERT_ALTNAME_INVALID: Host: ${host}. is not in the cert's altnames: ${listed}`,
    };
  }
  return { trusted: true };
}

type Path = { certificates: x509.X509Certificate[] } | { error: string };

/** Leaf up to an anchor, through what the server sent in any order (RFC 8446 4.4.2 allows it). */
async function buildPath(
  leaf: x509.X509Certificate,
  served: x509.X509Certificate[],
  anchors: TrustStore,
): Promise<Path> {
  const certificates = [leaf];
  let current = leaf;
  for (let depth = 0; depth <= MAX_CHAIN_CERTIFICATES; depth++) {
    if (anchors.contains(current)) return { certificates };
    const anchor = await findIssuer(current, anchors.named(current.issuer));
    if (anchor) return { certificates: [...certificates, anchor] };
    const selfIssued = current.subject === current.issuer && (await signedBy(current, current));
    if (selfIssued) {
      return depth === 0
        ? { error: "DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate" }
        : { error: "SELF_SIGNED_CERT_IN_CHAIN: self-signed certificate in certificate chain" };
    }
    const candidates = served.filter((c) => c !== current && c.subject === current.issuer && !certificates.includes(c));
    const issuer = await findIssuer(current, candidates);
    if (!issuer) {
      // OpenSSL: a leaf whose issuer is nowhere is "the first certificate"; higher up, no local root.
      return depth === 0
        ? { error: "UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate" }
        : { error: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY: unable to get local issuer certificate" };
    }
    if (!isCa(issuer)) return { error: `INVALID_CA: invalid CA certificate (${issuer.subject})` };
    certificates.push(issuer);
    current = issuer;
  }
  return { error: "CERT_CHAIN_TOO_LONG: certificate chain too long" };
}

async function findIssuer(
  cert: x509.X509Certificate,
  candidates: x509.X509Certificate[],
): Promise<x509.X509Certificate | undefined> {
  for (const candidate of candidates) if (await signedBy(cert, candidate)) return candidate;
  return undefined;
}

async function signedBy(cert: x509.X509Certificate, issuer: x509.X509Certificate): Promise<boolean> {
  // An algorithm WebCrypto cannot check (DSA, an odd curve) counts as not signed: no path through it.
  return cert.verify({ publicKey: issuer.publicKey, signatureOnly: true }).catch(() => false);
}

function isCa(cert: x509.X509Certificate): boolean {
  const constraints = cert.getExtension(x509.BasicConstraintsExtension);
  // X.509 v1 roots have no extensions; intermediates without basicConstraints are not CAs (RFC 5280 4.2.1.9).
  return constraints ? constraints.ca : cert.subject === cert.issuer;
}

/** dNSName and iPAddress SANs; the CN only when there are none (RFC 6125 6.4.4). */
function hostNames(cert: x509.X509Certificate): string[] {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names = (san?.names.items ?? []).flatMap((n) => (n.type === "dns" || n.type === "ip" ? [n.value] : []));
  if (names.length > 0) return names;
  return cert.subjectName.getField("CN");
}

/** Case-insensitive, trailing dot ignored, "*." covering exactly one left-most label. */
function nameCovers(pattern: string, host: string): boolean {
  const wanted = host.toLowerCase().replace(/\.$/, "");
  const name = pattern.toLowerCase().replace(/\.$/, "");
  if (name === wanted) return true;
  if (!name.startsWith("*.") || !name.slice(2).includes(".")) return false;
  const dot = wanted.indexOf(".");
  return dot > 0 && wanted.slice(dot + 1) === name.slice(2);
}

function derKey(cert: x509.X509Certificate): string {
  return cert.toString("base64");
}
