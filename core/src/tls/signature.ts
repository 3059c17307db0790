import type { CertificateParts } from "./certificate-parts";
import { derChildren, derContent, readDerElement } from "./der";
import { x509 } from "./x509";

// Plain shapes: the DOM, Node and workerd typings name WebCrypto's parameter types differently.
type Scheme = { key: { name: string; hash?: string; namedCurve?: string }; verify: { name: string; hash?: string } };
type ImportAlgorithm = Parameters<typeof crypto.subtle.importKey>[2];
type VerifyAlgorithm = Parameters<typeof crypto.subtle.verify>[0];

const RSA: Record<string, string> = {
  "1.2.840.113549.1.1.5": "SHA-1",
  "1.2.840.113549.1.1.11": "SHA-256",
  "1.2.840.113549.1.1.12": "SHA-384",
  "1.2.840.113549.1.1.13": "SHA-512",
};
const ECDSA: Record<string, string> = {
  "1.2.840.10045.4.3.2": "SHA-256",
  "1.2.840.10045.4.3.3": "SHA-384",
  "1.2.840.10045.4.3.4": "SHA-512",
};
const CURVES: Record<string, { name: string; bytes: number }> = {
  "1.2.840.10045.3.1.7": { name: "P-256", bytes: 32 },
  "1.3.132.0.34": { name: "P-384", bytes: 48 },
  "1.3.132.0.35": { name: "P-521", bytes: 66 },
};
const ED25519 = "1.3.101.112";

/**
 * Whether `issuer`'s key signed `cert`, checked with WebCrypto directly. Algorithms outside the
 * common set (RSASSA-PSS with parameters, DSA, odd curves) go through @peculiar/x509, slower but
 * complete; one WebCrypto cannot check at all counts as not signed.
 */
export async function signedBy(cert: CertificateParts, issuer: CertificateParts): Promise<boolean> {
  try {
    const scheme = schemeFor(cert.signatureAlgorithm, issuer);
    if (!scheme)
      return await new x509.X509Certificate(cert.der.slice()).verify({
        publicKey: new x509.X509Certificate(issuer.der.slice()).publicKey,
        signatureOnly: true,
      });
    const key = await crypto.subtle.importKey("spki", issuer.spki.slice(), scheme.key as ImportAlgorithm, false, [
      "verify",
    ]);
    const signature = scheme.key.namedCurve ? ecdsaRaw(cert.signature, curveBytes(issuer)) : cert.signature.slice();
    return await crypto.subtle.verify(scheme.verify as VerifyAlgorithm, key, signature, cert.tbs.slice());
  } catch {
    return false;
  }
}

function schemeFor(algorithm: string, issuer: CertificateParts): Scheme | undefined {
  const rsaHash = RSA[algorithm];
  if (rsaHash) return { key: { name: "RSASSA-PKCS1-v1_5", hash: rsaHash }, verify: { name: "RSASSA-PKCS1-v1_5" } };
  const ecHash = ECDSA[algorithm];
  const curve = CURVES[issuer.keyParameter ?? ""];
  if (ecHash && curve)
    return { key: { name: "ECDSA", namedCurve: curve.name }, verify: { name: "ECDSA", hash: ecHash } };
  if (algorithm === ED25519) return { key: { name: "Ed25519" }, verify: { name: "Ed25519" } };
  return undefined;
}

function curveBytes(issuer: CertificateParts): number {
  return CURVES[issuer.keyParameter ?? ""]?.bytes ?? 32;
}

/** X.509 carries ECDSA-Sig-Value (RFC 3279 2.2.3), a DER SEQUENCE of r and s; WebCrypto wants r || s. */
function ecdsaRaw(signature: Uint8Array, size: number): Uint8Array<ArrayBuffer> {
  const sequence = readDerElement(signature);
  const [r, s] = derChildren(signature, sequence);
  if (!r || !s) throw new Error("ECDSA signature without r and s");
  const raw = new Uint8Array(size * 2);
  for (const [index, part] of [r, s].entries()) {
    let bytes = derContent(signature, part);
    while (bytes.length > size && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > size) throw new Error("ECDSA integer larger than the curve");
    raw.set(bytes, index * size + (size - bytes.length));
  }
  return raw;
}
