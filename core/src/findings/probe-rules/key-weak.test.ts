import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { keyWeak, keyWeaknesses } from "./key-weak";
import {
  certificate,
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  issuingCa,
  on,
  rootCa,
  ruleInput,
  serving,
  summary,
} from "./test-probes";

const finding = (subject: string) => ({ id: "tls.key.weak", severity: "warning", subject });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("keyWeaknesses", () => {
  it.each([
    { cert: certificate(), expected: [] },
    {
      cert: certificate({ keyType: "rsa", keyBits: 2048, signatureAlgorithm: "sha256WithRSAEncryption" }),
      expected: [],
    },
    {
      cert: certificate({ keyType: "rsa", keyBits: 1024, signatureAlgorithm: "sha256WithRSAEncryption" }),
      expected: ["RSA 1024-bit key"],
    },
    {
      cert: certificate({ keyType: "rsa", keyBits: 1024, signatureAlgorithm: "sha1WithRSAEncryption" }),
      expected: ["RSA 1024-bit key", "sha1WithRSAEncryption signature"],
    },
    { cert: certificate({ signatureAlgorithm: "ecdsa-with-SHA1" }), expected: ["ecdsa-with-SHA1 signature"] },
    { cert: certificate({ keyBits: 192, curve: "P-192" }), expected: ["EC 192-bit key"] },
    { cert: certificate({ keyType: "ed25519", keyBits: 256, signatureAlgorithm: "ed25519" }), expected: [] },
  ])("$expected", ({ cert, expected }) => {
    expect(keyWeaknesses(cert)).toEqual(expected);
  });
});

describe("tls.key.weak", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "RSA 1024 leaf",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), serving([certificate({ keyType: "rsa", keyBits: 1024 }), issuingCa()])),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "SHA-1 signed intermediate",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip2.${D}`),
          serving([certificate(), issuingCa({ signatureAlgorithm: "sha1WithRSAEncryption" })]),
        ),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "a SHA-1 self-signature on a root is nobody's concern",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip2.${D}`),
          serving([certificate(), issuingCa(), rootCa({ signatureAlgorithm: "sha1WithRSAEncryption" })]),
        ),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(keyWeak(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("says which certificate is weak and why", () => {
    const probes = change(
      healthy,
      on("tls", `sip2.${D}`),
      serving([certificate(), issuingCa({ signatureAlgorithm: "sha1WithRSAEncryption" })]),
    );
    const [result] = keyWeak(ruleInput(resolution, probes));
    expect(result?.title).toBe(`sip2.${D}:5061 uses a weak certificate: sha1WithRSAEncryption signature`);
    expect(result?.detail).toMatch(
      /^The intermediate certificate CN=Example Issuing CA, O=Example Trust is weak: sha1WithRSAEncryption signature/,
    );
  });
});
