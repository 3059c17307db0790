import type { AddressInfo } from "node:net";
import tls from "node:tls";
import { analyseChain } from "@sipwatch/core";
import { type LabCertName, type SipLabTls, startSipLab } from "@sipwatch/infra/lab";
import { afterEach, describe, expect, it } from "vitest";
import { NodeTcpDialer } from "../src/adapters/tcp-dialer";
import { NodeTlsProber } from "../src/adapters/tls-prober";
import { closedPort, closer, pki, target } from "./probe-fixtures";

const servers = closer();
afterEach(() => servers.closeAll());

async function tlsPort(tlsOptions: SipLabTls): Promise<number> {
  const lab = servers.add(await startSipLab({ transports: ["tls"], tls: tlsOptions }));
  return lab.ports.tls ?? 0;
}
async function serving(name: LabCertName, extra: Partial<SipLabTls> = {}): Promise<number> {
  const cert = (await pki()).certificates[name];
  return tlsPort({ cert: cert.chainPem, key: cert.keyPem, ...extra });
}

const pemBase64 = (pem: string) => pem.replace(/-----[^-]+-----|\s/g, "");

describe("NodeTlsProber: certificates", () => {
  // name, certificates the server sent, trusted (with the lab CA), error pattern
  const cases: Array<[LabCertName, number, boolean, RegExp | undefined]> = [
    ["valid", 2, true, undefined],
    ["wildcard-only", 2, true, undefined],
    ["rsa-1024", 2, true, undefined],
    ["expired", 2, false, /CERT_HAS_EXPIRED/],
    ["not-yet-valid", 2, false, /CERT_NOT_YET_VALID/],
    ["wrong-name", 2, false, /ALTNAME_INVALID.*sip\.sipwatch\.test/],
    ["self-signed", 1, false, /DEPTH_ZERO_SELF_SIGNED_CERT/],
    ["missing-intermediate", 1, false, /UNABLE_TO_VERIFY_LEAF_SIGNATURE/],
    // OpenSSL reports its last error: the missing intermediate hides behind the expiry.
    ["expired-missing-intermediate", 1, false, /CERT_HAS_EXPIRED/],
    ["expired-under-root", 1, false, /CERT_HAS_EXPIRED/],
    ["wrong-name-under-root", 1, false, /ALTNAME_INVALID/],
  ];

  it.each(cases)("%s: sent %i certificate(s), trusted=%s", async (name, sent, trusted, error) => {
    const lab = await pki();
    const port = await serving(name);
    const result = await new NodeTlsProber({ ca: lab.caPem }).probe(target("tls", port), { timeoutMs: 3000 });
    expect(result.outcome).toBe("connected");
    expect(result.chain).toHaveLength(sent);
    expect(result.verification?.trusted).toBe(trusted);
    if (error) expect(result.verification?.error).toMatch(error);
    else expect(result.verification?.error).toBeUndefined();
    // The leaf is the very certificate the lab served, byte for byte.
    expect(result.chain[0]?.der).toBe(pemBase64(lab.certificates[name].leafPem));
  });

  it("reads the leaf's names, key and validity from the chain", async () => {
    const port = await serving("rsa-1024");
    const result = await new NodeTlsProber({ ca: (await pki()).caPem }).probe(target("tls", port), { timeoutMs: 3000 });
    expect(result.chain[0]).toMatchObject({
      commonName: "sip.sipwatch.test",
      subjectAltNames: { dns: ["sipwatch.test", "sip.sipwatch.test"], ip: ["127.0.0.1"] },
      keyType: "rsa",
      keyBits: 1024,
      selfSigned: false,
      isCa: false,
    });
    expect(result.chain[1]).toMatchObject({ commonName: "sipwatch Test Intermediate CA", isCa: true });
  });

  it("keeps the self-signed root once when the server sends it (Node links a root to itself)", async () => {
    const lab = await pki();
    const valid = lab.certificates.valid;
    const port = await tlsPort({ cert: valid.chainPem + lab.caPem, key: valid.keyPem });
    const result = await new NodeTlsProber({ ca: lab.caPem }).probe(target("tls", port), { timeoutMs: 3000 });
    expect(result.chain.map((c) => c.commonName)).toEqual([
      "sip.sipwatch.test",
      "sipwatch Test Intermediate CA",
      "sipwatch Test Root CA",
    ]);
    expect(result.chain[2]?.selfSigned).toBe(true);
  });

  it("does not trust the lab CA unless configured: Node's public roots reject it", async () => {
    const port = await serving("valid");
    const result = await new NodeTlsProber().probe(target("tls", port), { timeoutMs: 3000 });
    expect(result.outcome).toBe("connected");
    expect(result.verification).toEqual({
      trusted: false,
      error: "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      anchored: false,
    });
  });

  it("sends the target host as SNI (RFC 6066 3), and none for an IP literal", async () => {
    const cert = (await pki()).certificates.valid;
    const names: string[] = [];
    const server = tls.createServer({
      cert: cert.chainPem,
      key: cert.keyPem,
      // Called only when the ClientHello carries server_name.
      SNICallback: (name, done) => {
        names.push(name);
        done(null, undefined);
      },
    });
    server.on("tlsClientError", () => {});
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
    servers.add({ close: () => new Promise<void>((resolve) => server.close(() => resolve())) });
    const { port } = server.address() as AddressInfo;
    await new NodeTlsProber().probe(target("tls", port), { timeoutMs: 2000 });
    expect(names).toEqual(["sip.sipwatch.test", "sip.sipwatch.test"]);
    await new NodeTlsProber().probe(target("tls", port, "127.0.0.1"), { timeoutMs: 2000 });
    expect(names).toHaveLength(2);
  });

  it("checks an IP-literal host against IP SANs (and sends no SNI)", async () => {
    const port = await serving("valid");
    const result = await new NodeTlsProber({ ca: (await pki()).caPem }).probe(target("tls", port, "127.0.0.1"), {
      timeoutMs: 3000,
    });
    expect(result.verification).toEqual({ trusted: true });
  });
});

describe("NodeTlsProber: versions", () => {
  it.each([
    ["TLSv1.3", { minVersion: "TLSv1.3" }],
    ["TLSv1.2", { maxVersion: "TLSv1.2" }],
  ] as const)("reports %s from a listener limited to it", async (version, limits) => {
    const port = await serving("valid", limits);
    const result = await new NodeTlsProber().probe(target("tls", port), { timeoutMs: 3000 });
    expect(result).toMatchObject({ outcome: "connected", version });
    expect(result.cipher).toMatch(version === "TLSv1.3" ? /^TLS_AES_|^TLS_CHACHA20_/ : /^TLS_ECDHE_ECDSA_WITH_/);
    expect(result.alpn).toBeUndefined();
    expect(result.handshakeMs).toBeGreaterThan(0);
  });

  it("finds TLS 1.0 and 1.1 on a server that still accepts them, and none on a modern one", async () => {
    const prober = new NodeTlsProber({ checkLegacyVersions: true });
    const legacy = await serving("valid", { minVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" });
    expect((await prober.probe(target("tls", legacy), { timeoutMs: 3000 })).legacyVersionsAccepted).toEqual([
      "TLSv1",
      "TLSv1.1",
    ]);
    const modern = await serving("valid");
    expect((await prober.probe(target("tls", modern), { timeoutMs: 3000 })).legacyVersionsAccepted).toEqual([]);
  });

  it("leaves legacy versions out unless asked", async () => {
    const port = await serving("valid");
    expect(
      (await new NodeTlsProber().probe(target("tls", port), { timeoutMs: 3000 })).legacyVersionsAccepted,
    ).toBeUndefined();
  });
});

describe("connection failures as values", () => {
  it("a closed port is refused for the TLS prober and the TCP dialer", async () => {
    const port = await closedPort();
    expect(await new NodeTlsProber().probe(target("tls", port), { timeoutMs: 1000 })).toMatchObject({
      outcome: "refused",
      chain: [],
    });
    expect(await new NodeTcpDialer().dial(target("tcp", port), { timeoutMs: 1000 })).toMatchObject({
      outcome: "refused",
    });
  });

  it("the TCP dialer measures the connect time", async () => {
    const port = await serving("valid");
    const result = await new NodeTcpDialer().dial(target("tcp", port), { timeoutMs: 1000 });
    expect(result.outcome).toBe("connected");
    expect(result.connectMs).toBeGreaterThanOrEqual(0);
  });

  it("an aborted signal ends the probe at once", async () => {
    const port = await serving("valid");
    const signal = AbortSignal.abort();
    const result = await new NodeTlsProber().probe(target("tls", port), { timeoutMs: 3000, signal });
    expect(result).toMatchObject({ outcome: "timeout", error: expect.stringMatching(/aborted/) });
  });
});

describe("NodeTlsProber: chain analysis of what a verifying client meets", () => {
  // Item: an invalid leaf issued straight by a trusted root misses no intermediate.
  it.each<[LabCertName, boolean, boolean]>([
    ["valid", true, false],
    ["missing-intermediate", false, true],
    ["expired-under-root", true, false],
    ["expired-missing-intermediate", false, true],
    ["wrong-name-under-root", true, false],
    ["expired", true, false],
  ])("%s: anchored=%s, chain incomplete=%s", async (name, anchored, incomplete) => {
    const lab = await pki();
    const port = await serving(name);
    const result = await new NodeTlsProber({ ca: lab.caPem }).probe(target("tls", port), { timeoutMs: 3000 });
    expect(result.verification?.anchored ?? result.verification?.trusted).toBe(anchored);
    expect(analyseChain(result.chain, new Date(), result.verification).incomplete).toBe(incomplete);
  });
});
