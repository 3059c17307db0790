/** What sipwatch keeps of one X.509 certificate (parsed by core/src/tls/parse-certificate.ts). */
export interface CertificateInfo {
  /** RFC 4514 string: "CN=sip.example.com, O=Example". */
  subject: string;
  commonName?: string;
  issuer: string;
  subjectAltNames: { dns: string[]; ip: string[]; uri: string[] };
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  serialNumber: string;
  keyType: "rsa" | "ec" | "ed25519" | "ed448" | "other";
  /** RSA modulus bits, or the EC curve's size. */
  keyBits?: number;
  curve?: string;
  /** Friendly name: "sha256WithRSAEncryption", "ecdsa-with-SHA256", "sha1WithRSAEncryption". */
  signatureAlgorithm: string;
  /** Subject equals issuer and the certificate's signature verifies with its own key. */
  selfSigned: boolean;
  isCa: boolean;
  fingerprintSha256: string;
  /** DER, base64: kept so a later check can re-verify; omitted from compact stored runs. */
  der?: string;
}
