import ipaddr from "ipaddr.js";
import { toHex } from "../dns/bytes";
import { type DerElement, decodeOid, derChildren, derContent, integerBits, readDerElement } from "./der";
import type { CertificateInfo } from "./types";
import { x509 } from "./x509";

/** Real server certificates are a few KiB; a large SAN list stays well under this. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024;
/** Servers send leaf, intermediates and at most a root; anything beyond this is ignored. */
export const MAX_CHAIN_CERTIFICATES = 10;

// Signature algorithm OIDs (RFC 3279, RFC 4055, RFC 5758, RFC 8410) -> the names openssl prints.
const SIGNATURE_ALGORITHMS: Record<string, string> = {
  "1.2.840.113549.1.1.4": "md5WithRSAEncryption",
  "1.2.840.113549.1.1.5": "sha1WithRSAEncryption",
  "1.2.840.113549.1.1.14": "sha224WithRSAEncryption",
  "1.2.840.113549.1.1.11": "sha256WithRSAEncryption",
  "1.2.840.113549.1.1.12": "sha384WithRSAEncryption",
  "1.2.840.113549.1.1.13": "sha512WithRSAEncryption",
  "1.2.840.113549.1.1.10": "rsassa-pss",
  "1.2.840.10045.4.1": "ecdsa-with-SHA1",
  "1.2.840.10045.4.3.1": "ecdsa-with-SHA224",
  "1.2.840.10045.4.3.2": "ecdsa-with-SHA256",
  "1.2.840.10045.4.3.3": "ecdsa-with-SHA384",
  "1.2.840.10045.4.3.4": "ecdsa-with-SHA512",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
  "1.2.840.10040.4.3": "dsa-with-SHA1",
  "2.16.840.1.101.3.4.3.2": "dsa-with-SHA256",
};

const KEY_TYPES: Record<string, CertificateInfo["keyType"]> = {
  "1.2.840.113549.1.1.1": "rsa",
  "1.2.840.113549.1.1.10": "rsa", // an RSASSA-PSS-only key
  "1.2.840.10045.2.1": "ec",
  "1.3.101.112": "ed25519",
  "1.3.101.113": "ed448",
};

const CURVES: Record<string, { name: string; bits: number }> = {
  "1.2.840.10045.3.1.1": { name: "P-192", bits: 192 },
  "1.3.132.0.33": { name: "P-224", bits: 224 },
  "1.2.840.10045.3.1.7": { name: "P-256", bits: 256 },
  "1.3.132.0.34": { name: "P-384", bits: 384 },
  "1.3.132.0.35": { name: "P-521", bits: 521 },
  "1.3.132.0.10": { name: "secp256k1", bits: 256 },
  "1.3.36.3.3.2.8.1.1.7": { name: "brainpoolP256r1", bits: 256 },
  "1.3.36.3.3.2.8.1.1.11": { name: "brainpoolP384r1", bits: 384 },
  "1.3.36.3.3.2.8.1.1.13": { name: "brainpoolP512r1", bits: 512 },
};

const SUBJECT_ALT_NAME = "2.5.29.17";
const BASIC_CONSTRAINTS = "2.5.29.19";
// GeneralName context tags (RFC 5280 4.2.1.6), primitive: dNSName [2], URI [6], iPAddress [7].
const SAN_DNS = 0x82;
const SAN_URI = 0x86;
const SAN_IP = 0x87;

/** The library keeps the decoded ASN.1 protected; the OIDs and raw extensions live there. */
class ServerCertificate extends x509.X509Certificate {
  get structure() {
    return this.asn;
  }
}

/**
 * Reads what sipwatch reports about one DER certificate. Rejects with an Error saying why for
 * anything that is not a single well-formed certificate (garbage, truncation, oversize input).
 * Example: `await parseCertificate(new Uint8Array(peerCertificate.raw))`.
 */
export async function parseCertificate(der: Uint8Array): Promise<CertificateInfo> {
  if (der.byteLength === 0) throw new Error("not a valid X.509 certificate: no bytes");
  if (der.byteLength > MAX_CERTIFICATE_BYTES) {
    throw new Error(
      `not a valid X.509 certificate: ${der.byteLength} bytes is more than the ${MAX_CERTIFICATE_BYTES} a certificate can plausibly take`,
    );
  }
  const bytes = der.slice();
  let cert: ServerCertificate;
  let fields: Omit<CertificateInfo, "selfSigned" | "fingerprintSha256" | "der">;
  try {
    const outer = readDerElement(bytes);
    if (outer.tag !== 0x30) throw new Error("does not start with a DER SEQUENCE");
    if (outer.end !== bytes.length) throw new Error(`${bytes.length - outer.end} bytes after the certificate`);
    cert = new ServerCertificate(bytes);
    fields = readFields(cert);
  } catch (error) {
    throw new Error(`not a valid X.509 certificate: ${errorText(error)}`, { cause: error });
  }
  const [selfSigned, digest] = await Promise.all([isSelfSigned(cert), crypto.subtle.digest("SHA-256", bytes)]);
  return { ...fields, selfSigned, fingerprintSha256: toHex(new Uint8Array(digest)), der: toBase64(bytes) };
}

/**
 * Parses a chain as the server sent it (leaf first), keeping at most MAX_CHAIN_CERTIFICATES.
 * Rejects, naming the position, when one of them is not a certificate.
 */
export async function parseCertificateChain(
  ders: readonly Uint8Array[],
  parse: (der: Uint8Array) => Promise<CertificateInfo> = parseCertificate,
): Promise<CertificateInfo[]> {
  const kept = ders.slice(0, MAX_CHAIN_CERTIFICATES);
  return Promise.all(
    kept.map((der, index) =>
      parse(der).catch((error: unknown) => {
        throw new Error(`certificate ${index + 1} of ${ders.length}: ${errorText(error)}`, { cause: error });
      }),
    ),
  );
}

function readFields(cert: ServerCertificate): Omit<CertificateInfo, "selfSigned" | "fingerprintSha256" | "der"> {
  const { structure } = cert;
  const spki = structure.tbsCertificate.subjectPublicKeyInfo;
  const keyOid = spki.algorithm.algorithm;
  const keyType = KEY_TYPES[keyOid] ?? "other";
  const key = keyDetails(keyType, spki.subjectPublicKey, spki.algorithm.parameters ?? null);
  const extensions = structure.tbsCertificate.extensions ?? [];
  const extension = (oid: string) => {
    const found = extensions.find((ext) => ext.extnID === oid);
    return found ? new Uint8Array(found.extnValue.buffer) : undefined;
  };
  const sanBytes = extension(SUBJECT_ALT_NAME);
  const constraints = extension(BASIC_CONSTRAINTS);
  const commonName = cert.subjectName.getField("CN")[0];
  const signatureOid = structure.signatureAlgorithm.algorithm;
  return {
    subject: cert.subject,
    ...(commonName === undefined ? {} : { commonName }),
    issuer: cert.issuer,
    subjectAltNames: sanBytes ? subjectAltNames(sanBytes) : { dns: [], ip: [], uri: [] },
    notBefore: cert.notBefore.toISOString(),
    notAfter: cert.notAfter.toISOString(),
    serialNumber: cert.serialNumber,
    keyType,
    ...key,
    signatureAlgorithm: SIGNATURE_ALGORITHMS[signatureOid] ?? signatureOid,
    isCa: constraints ? basicConstraintsCa(constraints) : false,
  };
}

function keyDetails(
  keyType: CertificateInfo["keyType"],
  publicKey: ArrayBuffer,
  parameters: ArrayBuffer | null,
): { keyBits?: number; curve?: string } {
  switch (keyType) {
    case "rsa": {
      // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } (RFC 8017 A.1.1)
      const bytes = new Uint8Array(publicKey);
      const [modulus] = derChildren(bytes, readDerElement(bytes));
      if (modulus?.tag !== 0x02) throw new Error("RSA public key without a modulus");
      return { keyBits: integerBits(derContent(bytes, modulus)) };
    }
    case "ec": {
      if (!parameters) return {};
      const bytes = new Uint8Array(parameters);
      const element = readDerElement(bytes);
      // Explicit curve parameters (a SEQUENCE) are forbidden by RFC 5480 and report no curve.
      if (element.tag !== 0x06) return {};
      const oid = decodeOid(derContent(bytes, element));
      const known = CURVES[oid];
      return known ? { curve: known.name, keyBits: known.bits } : { curve: oid };
    }
    case "ed25519":
      return { keyBits: 256 };
    case "ed448":
      return { keyBits: 448 };
    default:
      return {};
  }
}

function subjectAltNames(bytes: Uint8Array): CertificateInfo["subjectAltNames"] {
  const names: CertificateInfo["subjectAltNames"] = { dns: [], ip: [], uri: [] };
  // Other GeneralName forms (otherName such as SRVName, rfc822Name, directoryName) carry no SIP identity.
  for (const name of derChildren(bytes, readDerElement(bytes))) {
    const content = derContent(bytes, name);
    if (name.tag === SAN_DNS) names.dns.push(ascii(content));
    else if (name.tag === SAN_URI) names.uri.push(ascii(content));
    else if (name.tag === SAN_IP) {
      const address = ipText(content);
      if (address) names.ip.push(address);
    }
  }
  return names;
}

function basicConstraintsCa(bytes: Uint8Array): boolean {
  // BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }
  const [first] = derChildren(bytes, readDerElement(bytes));
  return first !== undefined && first.tag === 0x01 && isTrue(bytes, first);
}

function isTrue(bytes: Uint8Array, element: DerElement): boolean {
  return (bytes[element.start] ?? 0) !== 0;
}

async function isSelfSigned(cert: ServerCertificate): Promise<boolean> {
  if (cert.subject !== cert.issuer) return false;
  // An algorithm WebCrypto cannot verify (DSA, an unknown curve) leaves the question open: not self-signed.
  return cert.verify({ signatureOnly: true }, crypto).catch(() => false);
}

function ipText(content: Uint8Array): string | undefined {
  if (content.length !== 4 && content.length !== 16) return undefined;
  return ipaddr.fromByteArray([...content]).toString();
}

function ascii(content: Uint8Array): string {
  let text = "";
  for (const byte of content) text += String.fromCharCode(byte);
  return text;
}

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
