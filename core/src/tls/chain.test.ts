import { describe, expect, it } from "vitest";
import { analyseChain, verificationProblem } from "./chain";
import type { CertificateInfo } from "./types";

const NOW = new Date("2025-06-01T00:00:00Z");

function cert(subject: string, issuer: string, extra: Partial<CertificateInfo> = {}): CertificateInfo {
  return {
    subject,
    issuer,
    subjectAltNames: { dns: [], ip: [], uri: [] },
    notBefore: "2025-01-01T00:00:00.000Z",
    notAfter: "2026-01-01T00:00:00.000Z",
    serialNumber: "01",
    keyType: "rsa",
    keyBits: 2048,
    signatureAlgorithm: "sha256WithRSAEncryption",
    selfSigned: subject === issuer,
    isCa: subject !== "CN=leaf",
    fingerprintSha256: subject,
    ...extra,
  };
}

const leaf = cert("CN=leaf", "CN=Intermediate");
const intermediate = cert("CN=Intermediate", "CN=Root");
const root = cert("CN=Root", "CN=Root");

describe("analyseChain", () => {
  it.each([
    {
      name: "leaf and intermediate, root left to the client (the normal case)",
      chain: [leaf, intermediate],
      verification: { trusted: true },
      expected: { ordered: true, endsAt: "issuer-absent", missingIssuer: "CN=Root", incomplete: false, pathLength: 2 },
    },
    {
      name: "full chain with the root",
      chain: [leaf, intermediate, root],
      verification: undefined,
      expected: { ordered: true, endsAt: "self-signed", missingIssuer: undefined, incomplete: false, pathLength: 3 },
    },
    {
      name: "leaf alone, no verifier",
      chain: [leaf],
      verification: undefined,
      expected: {
        ordered: true,
        endsAt: "issuer-absent",
        missingIssuer: "CN=Intermediate",
        incomplete: true,
        pathLength: 1,
      },
    },
    {
      name: "leaf alone, verifier says it cannot verify the first certificate",
      chain: [leaf],
      verification: { trusted: false, error: "unable to verify the first certificate" },
      expected: {
        ordered: true,
        endsAt: "issuer-absent",
        missingIssuer: "CN=Intermediate",
        incomplete: true,
        pathLength: 1,
      },
    },
    {
      name: "leaf alone but trusted: signed directly by a root the verifier holds (a private CA)",
      chain: [leaf],
      verification: { trusted: true },
      expected: {
        ordered: true,
        endsAt: "issuer-absent",
        missingIssuer: "CN=Intermediate",
        incomplete: false,
        pathLength: 1,
      },
    },
    {
      name: "two intermediates, the lower one missing",
      chain: [leaf, cert("CN=Upper", "CN=Root")],
      verification: { trusted: false, error: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" },
      expected: {
        ordered: false,
        endsAt: "issuer-absent",
        missingIssuer: "CN=Intermediate",
        incomplete: true,
        pathLength: 1,
      },
    },
    {
      name: "unknown private root is untrusted, not incomplete",
      chain: [leaf, intermediate],
      verification: { trusted: false, error: "unable to get local issuer certificate" },
      expected: { ordered: true, endsAt: "issuer-absent", missingIssuer: "CN=Root", incomplete: false, pathLength: 2 },
    },
    {
      name: "intermediate sent before the leaf's issuer order is restored by names",
      chain: [leaf, root, intermediate],
      verification: { trusted: true },
      expected: { ordered: false, endsAt: "self-signed", missingIssuer: undefined, incomplete: false, pathLength: 3 },
    },
    {
      name: "self-signed leaf",
      chain: [cert("CN=leaf", "CN=leaf")],
      verification: { trusted: false, error: "self-signed certificate" },
      expected: { ordered: true, endsAt: "self-signed", missingIssuer: undefined, incomplete: false, pathLength: 1 },
    },
  ])("$name", ({ chain, verification, expected }) => {
    const analysis = analyseChain(chain, NOW, verification);
    expect({
      ordered: analysis.ordered,
      endsAt: analysis.endsAt,
      missingIssuer: analysis.missingIssuer,
      incomplete: analysis.incomplete,
      pathLength: analysis.path.length,
    }).toEqual(expected);
  });

  it("counts days to expiry and finds the first certificate to expire, roots aside", () => {
    const shortIntermediate = cert("CN=Intermediate", "CN=Root", { notAfter: "2025-06-11T00:00:00.000Z" });
    const oldRoot = cert("CN=Root", "CN=Root", { notAfter: "2025-06-02T00:00:00.000Z" });
    const analysis = analyseChain([leaf, shortIntermediate, oldRoot], NOW);
    expect(analysis.leafDaysLeft).toBe(214);
    expect(analysis.firstExpiry).toMatchObject({ index: 1, subject: "CN=Intermediate", daysLeft: 10 });
    expect(analysis.validity.map((v) => v.expired)).toEqual([false, false, false]);
  });

  it("flags expired and not-yet-valid certificates", () => {
    const expired = cert("CN=leaf", "CN=Intermediate", { notAfter: "2025-05-30T00:00:00.000Z" });
    const future = cert("CN=Intermediate", "CN=Root", { notBefore: "2025-07-01T00:00:00.000Z" });
    const analysis = analyseChain([expired, future], NOW);
    expect(analysis.leafDaysLeft).toBe(-2);
    expect(analysis.validity.map((v) => [v.expired, v.notYetValid])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it("refuses an empty chain", () => {
    expect(() => analyseChain([], NOW)).toThrow(/at least the leaf/);
  });
});

describe("verificationProblem", () => {
  it.each([
    ["certificate has expired", "expired"],
    ["CERT_NOT_YET_VALID", "not-yet-valid"],
    [
      "Hostname/IP does not match certificate's altnames: Host: example.com. is not in the cert's altnames",
      "name-mismatch",
    ],
    ["self-signed certificate", "self-signed"],
    ["self signed certificate in certificate chain", "self-signed"],
    ["unable to verify the first certificate", "issuer-missing"],
    ["unable to get issuer certificate", "issuer-missing"],
    ["unable to get local issuer certificate", "unknown-issuer"],
    ["certificate signature failure", "other"],
    [undefined, "other"],
  ])("%s -> %s", (error, expected) => {
    expect(verificationProblem(error)).toBe(expected);
  });
});
