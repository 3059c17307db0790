import { beforeAll, describe, expect, it } from "vitest";
import { verificationProblem } from "./chain";
import { parseCertificate } from "./parse-certificate";
import { derOf, issue } from "./test-certificates";
import { TrustStore, verifyServedChain } from "./verify-chain";
import type { x509 } from "./x509";

type Issued = { cert: x509.X509Certificate; keys: CryptoKeyPair };
const NOW = new Date("2025-06-01T00:00:00Z");
const HOST = "sip1.example.com";

let root: Issued;
let intermediate: Issued;
let otherRoot: Issued;
const leafOf = (options: Parameters<typeof issue>[0] = {}) =>
  issue({ subject: `CN=${HOST}`, names: [HOST], key: "p-256", issuer: intermediate, ...options });

beforeAll(async () => {
  root = await issue({ subject: "CN=Test Root", key: "p-256", ca: true, notAfter: new Date("2035-01-01") });
  intermediate = await issue({ subject: "CN=Test Intermediate", key: "p-256", ca: true, issuer: root });
  otherRoot = await issue({ subject: "CN=Other Root", key: "p-256", ca: true, keyLabel: "other" });
});

const store = () => new TrustStore([root.cert.toString("pem"), otherRoot.cert.toString("pem")]);
const verify = async (chain: Issued[], host = HOST, anchors = store()) => {
  const served = await Promise.all(
    chain.map(async ({ cert }) => ({ der: derOf(cert), info: await parseCertificate(derOf(cert)) })),
  );
  return verifyServedChain(served, host, anchors, NOW);
};

describe("verifyServedChain: what a standard verifying client decides", () => {
  it("trusts leaf + intermediate up to a known root, with or without the root sent", async () => {
    const leaf = await leafOf();
    expect(await verify([leaf, intermediate])).toEqual({ trusted: true });
    expect(await verify([leaf, intermediate, root])).toEqual({ trusted: true });
    // Out of order is allowed in TLS 1.3 (RFC 8446 4.4.2): the path is built by issuer, not position.
    expect(await verify([leaf, root, intermediate])).toEqual({ trusted: true });
  });

  it("accepts a one-label wildcard, as browsers and OpenSSL do (RFC 6125 6.4.3)", async () => {
    const leaf = await leafOf({ names: ["*.example.com"], subject: "CN=*.example.com" });
    expect(await verify([leaf, intermediate])).toEqual({ trusted: true });
    expect((await verify([leaf, intermediate], "a.b.example.com")).trusted).toBe(false);
  });

  const refusals: Array<[string, () => Promise<Issued[]>, string, ReturnType<typeof verificationProblem>]> = [
    [
      "expired",
      async () => [await leafOf({ notAfter: new Date("2025-05-01") }), intermediate],
      "CERT_HAS_EXPIRED",
      "expired",
    ],
    [
      "not yet valid",
      async () => [await leafOf({ notBefore: new Date("2025-07-01") }), intermediate],
      "CERT_NOT_YET_VALID",
      "not-yet-valid",
    ],
    [
      "wrong name",
      async () => [await leafOf({ names: ["other.example.net"] }), intermediate],
      "ALTNAME_INVALID",
      "name-mismatch",
    ],
    [
      "self-signed",
      async () => [await issue({ subject: `CN=${HOST}`, names: [HOST], key: "p-256", keyLabel: "self" })],
      "DEPTH_ZERO_SELF_SIGNED_CERT",
      "self-signed",
    ],
    ["missing intermediate", async () => [await leafOf()], "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "issuer-missing"],
  ];

  it.each(refusals)("refuses %s with OpenSSL's error name", async (_name, chain, code, problem) => {
    const result = await verify(await chain());
    expect(result.trusted).toBe(false);
    expect(result.error).toContain(code);
    expect(verificationProblem(result.error)).toBe(problem);
  });

  it("names an unknown root as an unknown issuer", async () => {
    const leaf = await leafOf();
    const result = await verify([leaf, intermediate], HOST, new TrustStore([otherRoot.cert.toString("pem")]));
    expect(result.error).toContain("UNABLE_TO_GET_ISSUER_CERT_LOCALLY");
    expect(verificationProblem(result.error)).toBe("unknown-issuer");
  });

  it("does not let a non-CA certificate issue another", async () => {
    const notCa = await issue({ subject: "CN=Not A CA", key: "p-256", ca: false, issuer: root, keyLabel: "notca" });
    const leaf = await leafOf({ issuer: notCa });
    expect((await verify([leaf, notCa])).error).toContain("INVALID_CA");
  });

  it("extends a shared store with a small one", async () => {
    const shared = new TrustStore([otherRoot.cert.toString("pem")]);
    const extended = new TrustStore([root.cert.toString("pem")], shared);
    expect(await verify([await leafOf(), intermediate], HOST, extended)).toEqual({ trusted: true });
  });

  it("checks RSA signatures too", async () => {
    const rsaRoot = await issue({ subject: "CN=RSA Root", key: "rsa-2048", ca: true, keyLabel: "rsaroot" });
    const leaf = await issue({ subject: `CN=${HOST}`, names: [HOST], key: "rsa-1024", issuer: rsaRoot });
    expect(await verify([leaf], HOST, new TrustStore([rsaRoot.cert.toString("pem")]))).toEqual({ trusted: true });
    expect((await verify([leaf], HOST, store())).trusted).toBe(false);
  });

  it("skips unreadable anchors instead of failing every verification", async () => {
    const anchors = new TrustStore(["not a certificate", root.cert.toString("pem")]);
    expect(await verify([await leafOf(), intermediate], HOST, anchors)).toEqual({ trusted: true });
  });
});
