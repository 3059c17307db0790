import type { webcrypto } from "node:crypto";
import { x509 } from "./x509";

type CryptoKeyPair = webcrypto.CryptoKeyPair;
type CryptoKey = webcrypto.CryptoKey;

/**
 * Small wrappers over @peculiar/x509 and WebCrypto to issue the lab's test certificates.
 * Keys are extractable because Node's TLS servers take them as PEM.
 */
export interface Issued {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
}

export type KeySpec = "ec-p256" | "rsa-1024" | "rsa-2048";

export interface IssueOptions {
  subject: string;
  /** Who signs; absent for a self-signed certificate. */
  issuer?: Issued;
  keySpec?: KeySpec;
  ca?: { pathLength?: number };
  dns?: string[];
  ips?: string[];
  notBefore: Date;
  notAfter: Date;
  /** Extra non-critical extensions (the oversized chain pads certificates with one). */
  extensions?: x509.Extension[];
}

const SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

export async function generateKeys(spec: KeySpec): Promise<CryptoKeyPair> {
  if (spec === "ec-p256") {
    return crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  }
  return crypto.subtle.generateKey(
    {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: spec === "rsa-1024" ? 1024 : 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    true,
    ["sign", "verify"],
  );
}

/** Issues one certificate: a CA when `ca` is set, else a TLS server certificate (RFC 5280 4.2). */
export async function issue(options: IssueOptions): Promise<Issued> {
  const keys = await generateKeys(options.keySpec ?? "ec-p256");
  const signer = options.issuer?.keys ?? keys;
  const names: x509.JsonGeneralName[] = [
    ...(options.dns ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(options.ips ?? []).map((value) => ({ type: "ip" as const, value })),
  ];
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(Boolean(options.ca), options.ca?.pathLength, true),
    new x509.KeyUsagesExtension(
      options.ca
        ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
        : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment,
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ...(options.issuer ? [await x509.AuthorityKeyIdentifierExtension.create(options.issuer.keys.publicKey)] : []),
    ...(options.ca ? [] : [new x509.ExtendedKeyUsageExtension([SERVER_AUTH])]),
    ...(names.length > 0 ? [new x509.SubjectAlternativeNameExtension(names)] : []),
    ...(options.extensions ?? []),
  ];
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: options.subject,
    issuer: options.issuer?.cert.subject ?? options.subject,
    notBefore: options.notBefore,
    notAfter: options.notAfter,
    publicKey: keys.publicKey,
    signingKey: signer.privateKey,
    signingAlgorithm: signingAlgorithm(signer.privateKey),
    extensions,
  });
  return { cert, keys };
}

export function certificatePem(cert: x509.X509Certificate): string {
  return `${cert.toString("pem")}\n`;
}

export async function privateKeyPem(keys: CryptoKeyPair): Promise<string> {
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", keys.privateKey));
  const base64 = Buffer.from(pkcs8).toString("base64");
  return `-----BEGIN PRIVATE KEY-----\n${base64.replace(/.{1,64}/g, "$&\n")}-----END PRIVATE KEY-----\n`;
}

function signingAlgorithm(key: CryptoKey): webcrypto.AlgorithmIdentifier | webcrypto.EcdsaParams {
  return key.algorithm.name === "ECDSA" ? { name: "ECDSA", hash: "SHA-256" } : { name: "RSASSA-PKCS1-v1_5" };
}

/** Positive, 16 random bytes (RFC 5280 4.1.2.2 allows up to 20 octets). */
function randomSerial(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x01;
  return Buffer.from(bytes).toString("hex");
}
