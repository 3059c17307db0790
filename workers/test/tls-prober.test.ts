import { describe, expect, it } from "vitest";
import { WorkersTlsProber } from "../src/adapters/tls-prober";
import { lab, target } from "./fixtures";

const prober = () => new WorkersTlsProber({ extraCaPems: [lab().caPem] });

describe("WorkersTlsProber in workerd: certificates", () => {
  // name, certificates the server sent, trusted (with the lab CA), error pattern
  const cases: Array<[string, number, boolean, RegExp | undefined]> = [
    ["valid", 2, true, undefined],
    ["wildcard-only", 2, true, undefined],
    ["rsa-1024", 2, true, undefined],
    ["expired", 2, false, /CERT_HAS_EXPIRED/],
    ["not-yet-valid", 2, false, /CERT_NOT_YET_VALID/],
    ["wrong-name", 2, false, /ALTNAME_INVALID.*sip\.sipwatch\.test/],
    ["self-signed", 1, false, /DEPTH_ZERO_SELF_SIGNED_CERT/],
    ["missing-intermediate", 1, false, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/],
  ];

  it.each(cases)("%s: sent %i certificate(s), trusted=%s", async (name, sent, trusted, error) => {
    const port = lab().certificates[name] ?? 0;
    const result = await prober().probe(target("tls", port), { timeoutMs: 3000 });
    expect(result.outcome, `${result.error} ${JSON.stringify(result)}`).toBe("connected");
    expect(result.chain).toHaveLength(sent);
    expect(result.verification?.trusted).toBe(trusted);
    if (error) expect(result.verification?.error).toMatch(error);
    else expect(result.verification?.error).toBeUndefined();
    expect(result.connectMs).toBeGreaterThanOrEqual(0);
    expect(result.handshakeMs).toBeGreaterThan(0);
  });

  it("reads the leaf's names, key and validity", async () => {
    const result = await prober().probe(target("tls", lab().certificates["rsa-1024"] ?? 0), { timeoutMs: 3000 });
    expect(result.chain[0]).toMatchObject({
      commonName: "sip.sipwatch.test",
      subjectAltNames: { dns: ["sipwatch.test", "sip.sipwatch.test"], ip: ["127.0.0.1"] },
      keyType: "rsa",
      keyBits: 1024,
      isCa: false,
    });
    expect(result.chain[1]).toMatchObject({ commonName: "sipwatch Test Intermediate CA", isCa: true });
  });

  it("does not trust the lab CA with only Mozilla's roots", async () => {
    const result = await new WorkersTlsProber().probe(target("tls", lab().certificates.valid ?? 0), {
      timeoutMs: 3000,
    });
    expect(result.outcome).toBe("connected");
    expect(result.verification).toMatchObject({
      trusted: false,
      error: expect.stringMatching(/UNABLE_TO_GET_ISSUER_CERT_LOCALLY/),
    });
  });

  it.each([
    ["tls12Only", "TLSv1.2", /^TLS_ECDHE_/],
    ["tls13Only", "TLSv1.3", /^TLS_(AES|CHACHA20)/],
  ] as const)("negotiates with a %s listener", async (listener, version, cipher) => {
    const result = await prober().probe(target("tls", lab()[listener]), { timeoutMs: 3000 });
    expect(result).toMatchObject({ outcome: "connected", version });
    expect(result.cipher).toMatch(cipher);
    expect(result.verification).toEqual({ trusted: true });
  });

  it("reports a refused port as refused", async () => {
    const result = await prober().probe(target("tls", lab().closedPort), { timeoutMs: 2000 });
    expect(result).toMatchObject({ outcome: "refused", chain: [] });
  });
});
