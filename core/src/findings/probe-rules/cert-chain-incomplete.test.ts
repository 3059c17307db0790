import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { certChainIncomplete } from "./cert-chain-incomplete";
import {
  certificate,
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  on,
  ruleInput,
  serving,
  summary,
} from "./test-probes";

const finding = (subject: string) => ({ id: "tls.cert.chain-incomplete", severity: "warning", subject });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.chain-incomplete", () => {
  it.each([
    { name: "healthy probes (leaf + intermediate)", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "leaf only, verifier cannot verify it",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip1.${D}`),
          serving([certificate()], {
            verification: { trusted: false, error: "unable to verify the first certificate" },
          }),
        ),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "leaf only, no verifier (edge)",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), serving([certificate()], { verification: undefined })),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "leaf only but trusted: issued straight from a root the verifier has",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), serving([certificate()], { verification: { trusted: true } })),
      expected: [],
    },
    ...[
      { leaf: "expired, issued directly by a trusted root", error: "CERT_HAS_EXPIRED", anchored: true, hit: false },
      {
        leaf: "wrong name, issued directly by a trusted root",
        error: "ERR_TLS_CERT_ALTNAME_INVALID",
        anchored: true,
        hit: false,
      },
      {
        leaf: "not yet valid, issued directly by a trusted root",
        error: "CERT_NOT_YET_VALID",
        anchored: true,
        hit: false,
      },
      { leaf: "valid, intermediate missing", error: "UNABLE_TO_VERIFY_LEAF_SIGNATURE", anchored: false, hit: true },
      // OpenSSL names its last error only: the expiry, though the intermediate is missing too.
      { leaf: "expired, intermediate missing", error: "CERT_HAS_EXPIRED", anchored: false, hit: true },
    ].map(({ leaf, error, anchored, hit }) => ({
      name: `leaf alone: ${leaf}`,
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip1.${D}`),
          serving([certificate()], { verification: { trusted: false, error, anchored } }),
        ),
      expected: hit ? [finding(`tls sip1.${D}:5061`)] : [],
    })),
  ])("$name", ({ edit, expected }) => {
    expect(summary(certChainIncomplete(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("names the missing issuer", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`), serving([certificate()], { verification: undefined }));
    const [result] = certChainIncomplete(ruleInput(resolution, probes));
    expect(result?.detail).toContain("whose issuer CN=Example Issuing CA, O=Example Trust it leaves out");
    expect(result?.fix).toContain("fullchain.pem");
    expect(facts(result)?.served).toEqual([
      expect.objectContaining({ addresses: ["192.0.2.11", "2001:db8::11"], sent: ["CN=sip1.example.com"] }),
    ]);
  });
});
