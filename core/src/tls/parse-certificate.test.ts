import { describe, expect, it } from "vitest";
import { MAX_CERTIFICATE_BYTES, parseCertificate, parseCertificateChain } from "./parse-certificate";
import { derOf, issue } from "./test-certificates";
import { x509 } from "./x509";

const tlv = (tag: number, content: Uint8Array): Uint8Array<ArrayBuffer> =>
  new Uint8Array([tag, content.length, ...content]);
const ascii = (text: string) => new TextEncoder().encode(text);

/** SAN holding an RFC 4985 SRVName otherName (which @peculiar/x509 refuses) beside a dNSName. */
function sanWithSrvName(): x509.Extension {
  const srvNameOid = new Uint8Array([0x06, 0x08, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x08, 0x07]);
  const otherName = tlv(0xa0, new Uint8Array([...srvNameOid, ...tlv(0xa0, tlv(0x16, ascii("_sip.example.com")))]));
  const names = tlv(0x30, new Uint8Array([...otherName, ...tlv(0x82, ascii("sip.example.com"))]));
  return new x509.Extension("2.5.29.17", false, names);
}

describe("parseCertificate", () => {
  it.each([
    {
      name: "RSA 2048, SHA-256",
      key: "rsa-2048",
      hash: "SHA-256",
      keyType: "rsa",
      keyBits: 2048,
      curve: undefined,
      sig: "sha256WithRSAEncryption",
    },
    {
      name: "RSA 1024, SHA-1",
      key: "rsa-1024",
      hash: "SHA-1",
      keyType: "rsa",
      keyBits: 1024,
      curve: undefined,
      sig: "sha1WithRSAEncryption",
    },
    {
      name: "RSA 2048, SHA-384",
      key: "rsa-2048",
      hash: "SHA-384",
      keyType: "rsa",
      keyBits: 2048,
      curve: undefined,
      sig: "sha384WithRSAEncryption",
    },
    {
      name: "ECDSA P-256",
      key: "p-256",
      hash: "SHA-256",
      keyType: "ec",
      keyBits: 256,
      curve: "P-256",
      sig: "ecdsa-with-SHA256",
    },
    {
      name: "ECDSA P-384, SHA-384",
      key: "p-384",
      hash: "SHA-384",
      keyType: "ec",
      keyBits: 384,
      curve: "P-384",
      sig: "ecdsa-with-SHA384",
    },
    {
      name: "Ed25519",
      key: "ed25519",
      hash: "SHA-256",
      keyType: "ed25519",
      keyBits: 256,
      curve: undefined,
      sig: "ed25519",
    },
    {
      name: "RSASSA-PSS",
      key: "rsa-pss",
      hash: "SHA-256",
      keyType: "rsa",
      keyBits: 2048,
      curve: undefined,
      sig: "rsassa-pss",
    },
  ] as const)("$name: key and signature algorithm", async ({ key, hash, keyType, keyBits, curve, sig }) => {
    const { cert } = await issue({ names: ["sip.example.com"], key, hash });
    const info = await parseCertificate(derOf(cert));
    expect({ keyType: info.keyType, keyBits: info.keyBits, curve: info.curve, sig: info.signatureAlgorithm }).toEqual({
      keyType,
      keyBits,
      curve,
      sig,
    });
    expect(info.selfSigned).toBe(true);
  });

  it("reads names, validity, serial, fingerprint and keeps the DER", async () => {
    const { cert } = await issue({
      subject: "CN=sip.example.com, O=Example",
      names: ["sip.example.com", "*.example.com"],
      ips: ["192.0.2.10", "2001:db8::10"],
      uris: ["sip:example.com"],
      notBefore: new Date("2025-03-01T12:00:00Z"),
      notAfter: new Date("2025-05-30T12:00:00Z"),
    });
    const der = derOf(cert);
    const info = await parseCertificate(der);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", der));
    expect(info).toMatchObject({
      subject: "CN=sip.example.com, O=Example",
      commonName: "sip.example.com",
      issuer: "CN=sip.example.com, O=Example",
      subjectAltNames: {
        dns: ["sip.example.com", "*.example.com"],
        ip: ["192.0.2.10", "2001:db8::10"],
        uri: ["sip:example.com"],
      },
      notBefore: "2025-03-01T12:00:00.000Z",
      notAfter: "2025-05-30T12:00:00.000Z",
      serialNumber: "01a2b3",
      isCa: false,
    });
    expect(info.fingerprintSha256).toBe(Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
    expect(info.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Uint8Array.from(atob(info.der ?? ""), (c) => c.charCodeAt(0))).toEqual(der);
  });

  it("a CA and the leaf it issued: basicConstraints, issuer, self-signature", async () => {
    const ca = await issue({ subject: "CN=Example Root CA", ca: true });
    const leaf = await issue({ names: ["sip.example.com"], issuer: ca, key: "p-256" });
    const [caInfo, leafInfo] = await Promise.all([
      parseCertificate(derOf(ca.cert)),
      parseCertificate(derOf(leaf.cert)),
    ]);
    expect(caInfo).toMatchObject({ isCa: true, selfSigned: true, subject: "CN=Example Root CA" });
    expect(leafInfo).toMatchObject({
      isCa: false,
      selfSigned: false,
      issuer: "CN=Example Root CA",
      signatureAlgorithm: "sha256WithRSAEncryption",
    });
  });

  it("subject equal to issuer is not self-signed when another key signed it", async () => {
    const impostor = await issue({ subject: "CN=sip.example.com", keyLabel: "impostor" });
    const cert = await issue({
      names: ["sip.example.com"],
      subject: "CN=sip.example.com",
      issuer: impostor,
      keyLabel: "own",
    });
    const info = await parseCertificate(derOf(cert.cert));
    expect(info.subject).toBe(info.issuer);
    expect(info.selfSigned).toBe(false);
  });

  it("a SAN with an otherName the library does not know still yields its dNSName", async () => {
    const { cert } = await issue({ subject: "CN=sip.example.com", extensions: [sanWithSrvName()] });
    const info = await parseCertificate(derOf(cert));
    expect(info.subjectAltNames).toEqual({ dns: ["sip.example.com"], ip: [], uri: [] });
  });

  it("no SAN extension: empty lists and the CN", async () => {
    const { cert } = await issue({ subject: "CN=legacy.example.com" });
    const info = await parseCertificate(derOf(cert));
    expect(info.subjectAltNames).toEqual({ dns: [], ip: [], uri: [] });
    expect(info.commonName).toBe("legacy.example.com");
  });

  it.each([
    { name: "empty input", bytes: () => new Uint8Array(0) },
    { name: "garbage", bytes: () => new Uint8Array(200).map((_, i) => (i * 37 + 11) % 256) },
    { name: "a SEQUENCE of nothing useful", bytes: () => new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) },
    { name: "PEM text instead of DER", bytes: () => new TextEncoder().encode("-----BEGIN CERTIFICATE-----\nMIIB\n") },
    { name: "a 1 MB blob", bytes: () => new Uint8Array(1024 * 1024).fill(0x30) },
    { name: "just over the size limit", bytes: () => new Uint8Array(MAX_CERTIFICATE_BYTES + 1) },
    {
      name: "a long-form length pointing past the end",
      bytes: () => new Uint8Array([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x30]),
    },
    {
      name: "a large buffer of nested SEQUENCE headers",
      bytes: () => new Uint8Array(60_000).map((_, i) => (i % 2 ? 0x80 : 0x30)),
    },
  ])("rejects $name with a clear error", async ({ bytes }) => {
    await expect(parseCertificate(bytes())).rejects.toThrow(/^not a valid X\.509 certificate: /);
  });

  it.each([0.5, 0.9, 0.99])("rejects a certificate truncated to %s of its length", async (share) => {
    const der = derOf((await issue({ names: ["sip.example.com"] })).cert);
    await expect(parseCertificate(der.slice(0, Math.floor(der.length * share)))).rejects.toThrow(/not a valid X\.509/);
  });

  it("rejects trailing bytes after the certificate", async () => {
    const der = derOf((await issue({ names: ["sip.example.com"] })).cert);
    await expect(parseCertificate(new Uint8Array([...der, 0, 0]))).rejects.toThrow(/2 bytes after the certificate/);
  });
});

describe("parseCertificateChain", () => {
  it("parses leaf first and keeps at most ten certificates", async () => {
    const der = derOf((await issue({ names: ["sip.example.com"] })).cert);
    expect(await parseCertificateChain([der, der])).toHaveLength(2);
    expect(await parseCertificateChain(Array.from({ length: 12 }, () => der))).toHaveLength(10);
    expect(await parseCertificateChain([])).toEqual([]);
  });

  it("names the certificate that is broken", async () => {
    const der = derOf((await issue({ names: ["sip.example.com"] })).cert);
    await expect(parseCertificateChain([der, new Uint8Array([1, 2, 3])])).rejects.toThrow(
      /^certificate 2 of 2: not a valid X\.509 certificate/,
    );
  });
});
