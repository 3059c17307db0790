import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type LabCertName, labPki, oversizedChain } from "./certs";

const certs = (pem: string) => pem.split(/(?<=-----END CERTIFICATE-----\n)/).filter((p) => p.trim() !== "");

describe("labPki", () => {
  it("is generated once per process and domain", async () => {
    expect(await labPki()).toBe(await labPki());
    expect((await labPki({ domain: "other.test" })).host).toBe("sip.other.test");
  });

  it("chains every issued leaf to the root through the intermediate", async () => {
    const pki = await labPki();
    const root = new X509Certificate(pki.caPem);
    const intermediate = new X509Certificate(pki.intermediatePem);
    expect(intermediate.verify(root.publicKey)).toBe(true);
    expect([root.ca, intermediate.ca]).toEqual([true, true]);
    for (const name of ["valid", "expired", "not-yet-valid", "wrong-name", "wildcard-only", "rsa-1024"] as const) {
      const leaf = new X509Certificate(pki.certificates[name].leafPem);
      expect(leaf.verify(intermediate.publicKey), name).toBe(true);
      expect(leaf.ca).toBe(false);
    }
  });

  it.each<[LabCertName, number, RegExp]>([
    ["valid", 2, /DNS:sipwatch\.test, DNS:sip\.sipwatch\.test, IP Address:127\.0\.0\.1/],
    ["wrong-name", 2, /^DNS:other\.example\.net$/],
    ["wildcard-only", 2, /^DNS:\*\.sipwatch\.test$/],
    ["self-signed", 1, /DNS:sip\.sipwatch\.test/],
    ["missing-intermediate", 1, /DNS:sip\.sipwatch\.test/],
  ])("%s: %i certificate(s) served, names %s", async (name, served, names) => {
    const cert = (await labPki()).certificates[name];
    expect(certs(cert.chainPem)).toHaveLength(served);
    expect(new X509Certificate(cert.leafPem).subjectAltName).toMatch(names);
    expect(cert.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it("dates the expired and not-yet-valid leaves outside today, and gives rsa-1024 a 1024-bit key", async () => {
    const { certificates } = await labPki();
    const now = Date.now();
    expect(Date.parse(new X509Certificate(certificates.expired.leafPem).validTo)).toBeLessThan(now);
    expect(Date.parse(new X509Certificate(certificates["not-yet-valid"].leafPem).validFrom)).toBeGreaterThan(now);
    const rsa = new X509Certificate(certificates["rsa-1024"].leafPem).publicKey;
    expect([rsa.asymmetricKeyType, rsa.asymmetricKeyDetails?.modulusLength]).toEqual(["rsa", 1024]);
  });

  it("oversizedChain weighs about 1 MiB in DER", async () => {
    const chain = await oversizedChain();
    const der = certs(chain.chainPem).reduce((n, pem) => n + new X509Certificate(pem).raw.length, 0);
    expect(der).toBeGreaterThan(1024 * 1024);
    expect(der).toBeLessThan(1100 * 1024);
  });
});
