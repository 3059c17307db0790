import { beforeAll, describe, expect, it } from "vitest";
import { CertificateMemo } from "./certificate-memo";
import { certificateParts } from "./certificate-parts";
import { parseCertificate } from "./parse-certificate";
import { derOf, issue } from "./test-certificates";
import { TrustStore, verifyServedChain } from "./verify-chain";
import type { x509 } from "./x509";

type Issued = { cert: x509.X509Certificate; keys: CryptoKeyPair };
const HOST = "sip1.example.com";
const BEFORE_EXPIRY = new Date("2025-06-01T00:00:00Z");

let root: Issued;
let intermediate: Issued;
let leaf: Issued;

beforeAll(async () => {
  root = await issue({ subject: "CN=Memo Root", key: "p-256", ca: true, notAfter: new Date("2035-01-01") });
  intermediate = await issue({ subject: "CN=Memo Intermediate", key: "p-256", ca: true, issuer: root });
  leaf = await issue({
    subject: `CN=${HOST}`,
    names: [HOST],
    key: "p-256",
    issuer: intermediate,
    notAfter: new Date("2026-01-01"),
  });
});

const verifyWith = async (memo: CertificateMemo | undefined, host: string, now: Date) => {
  const ders = [leaf, intermediate].map(({ cert }) => derOf(cert));
  const served = await Promise.all(
    ders.map(async (der) => ({ der, info: memo ? await memo.parse(der) : await parseCertificate(der) })),
  );
  return verifyServedChain(served, host, new TrustStore([root.cert.toString("pem")]), now, memo);
};

describe("CertificateMemo: a chain seen again costs no parsing and no signature checks", () => {
  it("answers a DER it has read with the same reading, and reads a new one afresh", async () => {
    const memo = new CertificateMemo();
    const der = derOf(leaf.cert);
    const first = await memo.parse(der);
    expect(first).toEqual(await parseCertificate(der));
    expect(await memo.parse(der.slice())).toBe(first);
    expect((await memo.parse(derOf(root.cert))).subject).toContain("Memo Root");
  });

  it("reaches the same verdicts as verifying without it, and still checks dates and names each time", async () => {
    const memo = new CertificateMemo();
    for (const [host, now] of [
      [HOST, BEFORE_EXPIRY],
      [HOST, new Date("2027-01-01T00:00:00Z")],
      ["other.example.com", BEFORE_EXPIRY],
      [HOST, BEFORE_EXPIRY],
    ] as const) {
      expect(await verifyWith(memo, host, now)).toEqual(await verifyWith(undefined, host, now));
    }
    expect(await verifyWith(memo, HOST, new Date("2027-01-01T00:00:00Z"))).toMatchObject({
      trusted: false,
      error: expect.stringMatching(/^CERT_HAS_EXPIRED/),
    });
  });

  it("remembers a signature that does not verify as not verifying", async () => {
    const memo = new CertificateMemo();
    const leafParts = certificateParts(derOf(leaf.cert));
    const rootParts = certificateParts(derOf(root.cert));
    expect(await memo.signedBy(leafParts, rootParts)).toBe(false);
    expect(await memo.signedBy(leafParts, rootParts)).toBe(false);
    expect(await memo.signedBy(leafParts, certificateParts(derOf(intermediate.cert)))).toBe(true);
  });

  it("keeps at most its bound, dropping the least recently used first", async () => {
    const memo = new CertificateMemo(2);
    const a = derOf(root.cert);
    const b = derOf(intermediate.cert);
    const c = derOf(leaf.cert);
    const firstA = await memo.parse(a);
    const firstB = await memo.parse(b);
    expect(await memo.parse(a)).toBe(firstA); // a is now the most recently used
    await memo.parse(c);
    expect(memo.size).toBe(2);
    expect(await memo.parse(a)).toBe(firstA);
    expect(await memo.parse(b)).not.toBe(firstB);
  });
});
