import { x509 } from "./x509";

/**
 * Certificate factory for tests: real keys and signatures from WebCrypto, issued the way a
 * public CA or an operator with openssl would. `await issue({ names: ["sip.example.com"] })`.
 */
const crypto = globalThis.crypto;

export type KeySpec = "rsa-2048" | "rsa-1024" | "p-256" | "p-384" | "ed25519" | "rsa-pss";
export type HashSpec = "SHA-1" | "SHA-256" | "SHA-384";

const keyCache = new Map<string, Promise<CryptoKeyPair>>();

/** One key pair per spec and label, generated once per test file (RSA generation is slow). */
export function keyPair(spec: KeySpec, label = "default", hash: HashSpec = "SHA-256"): Promise<CryptoKeyPair> {
  const cacheKey = `${spec} ${hash} ${label}`;
  let pair = keyCache.get(cacheKey);
  if (!pair) {
    pair = crypto.subtle.generateKey(keyAlgorithm(spec, hash), true, ["sign", "verify"]) as Promise<CryptoKeyPair>;
    keyCache.set(cacheKey, pair);
  }
  return pair;
}

function keyAlgorithm(spec: KeySpec, hash: HashSpec): RsaHashedKeyGenParams | EcKeyGenParams | Algorithm {
  const exponent = new Uint8Array([1, 0, 1]);
  switch (spec) {
    case "rsa-2048":
      return { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: exponent, hash };
    case "rsa-1024":
      return { name: "RSASSA-PKCS1-v1_5", modulusLength: 1024, publicExponent: exponent, hash };
    case "rsa-pss":
      return { name: "RSA-PSS", modulusLength: 2048, publicExponent: exponent, hash };
    case "p-256":
      return { name: "ECDSA", namedCurve: "P-256" };
    case "p-384":
      return { name: "ECDSA", namedCurve: "P-384" };
    case "ed25519":
      return { name: "Ed25519" };
  }
}

function signingAlgorithm(spec: KeySpec, hash: HashSpec): Algorithm {
  switch (spec) {
    case "p-256":
    case "p-384":
      return { name: "ECDSA", hash } as EcdsaParams;
    case "rsa-pss":
      return { name: "RSA-PSS", saltLength: 32 } as RsaPssParams;
    case "ed25519":
      return { name: "Ed25519" };
    default:
      return { name: "RSASSA-PKCS1-v1_5" };
  }
}

export interface IssueOptions {
  subject?: string;
  /** dNSName SANs; IP and URI SANs through `ips` and `uris`. */
  names?: string[];
  ips?: string[];
  uris?: string[];
  key?: KeySpec;
  hash?: HashSpec;
  ca?: boolean;
  notBefore?: Date;
  notAfter?: Date;
  /** Issuer certificate and its keys; self-signed when absent. */
  issuer?: { cert: x509.X509Certificate; keys: CryptoKeyPair };
  /** Extra raw extensions (a hand-built SAN with an otherName). */
  extensions?: x509.Extension[];
  keyLabel?: string;
}

/** Issues a certificate; self-signed unless `issuer` is given. */
export async function issue(options: IssueOptions = {}): Promise<{ cert: x509.X509Certificate; keys: CryptoKeyPair }> {
  const spec = options.key ?? "rsa-2048";
  const hash = options.hash ?? "SHA-256";
  const keys = await keyPair(spec, options.keyLabel ?? options.subject ?? "default", hash);
  const subject = options.subject ?? `CN=${options.names?.[0] ?? "test.example.com"}`;
  const extensions: x509.Extension[] = [...(options.extensions ?? [])];
  const sans = [
    ...(options.names ?? []).map((value) => ({ type: "dns" as const, value })),
    ...(options.ips ?? []).map((value) => ({ type: "ip" as const, value })),
    ...(options.uris ?? []).map((value) => ({ type: "url" as const, value })),
  ];
  if (sans.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(sans));
  if (options.ca !== undefined) extensions.push(new x509.BasicConstraintsExtension(options.ca, undefined, true));
  const common = {
    serialNumber: "01a2b3",
    notBefore: options.notBefore ?? new Date("2025-01-01T00:00:00Z"),
    notAfter: options.notAfter ?? new Date("2026-01-01T00:00:00Z"),
    extensions,
    signingAlgorithm: signingAlgorithm(options.issuer ? issuerSpec(options.issuer.keys) : spec, hash),
  };
  const cert = options.issuer
    ? await x509.X509CertificateGenerator.create(
        {
          ...common,
          subject,
          issuer: options.issuer.cert.subject,
          publicKey: keys.publicKey,
          signingKey: options.issuer.keys.privateKey,
        },
        crypto,
      )
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys }, crypto);
  return { cert, keys };
}

function issuerSpec(keys: CryptoKeyPair): KeySpec {
  const name = keys.privateKey.algorithm.name;
  if (name === "ECDSA") return "p-256";
  if (name === "Ed25519") return "ed25519";
  if (name === "RSA-PSS") return "rsa-pss";
  return "rsa-2048";
}

export function derOf(cert: x509.X509Certificate): Uint8Array<ArrayBuffer> {
  return new Uint8Array(cert.rawData);
}
