import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { certUntrusted } from "./cert-untrusted";
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

const finding = (subject: string) => ({ id: "tls.cert.untrusted", severity: "critical", subject });
const selfSigned = certificate({ issuer: "CN=sip1.example.com", selfSigned: true });
const rejected = (error: string, chain = [certificate(), issuingCa()]) =>
  serving(chain, { verification: { trusted: false, error } });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.untrusted", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "self-signed leaf",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), rejected("self-signed certificate", [selfSigned])),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "self-signed leaf with no verifier at all (edge)",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), serving([selfSigned], { verification: undefined })),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "self-signed leaf the monitor was told to trust",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), serving([selfSigned], { verification: { trusted: true } })),
      expected: [],
    },
    {
      name: "private CA root sent along",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip2.${D}`),
          rejected("self-signed certificate in certificate chain", [certificate(), issuingCa(), rootCa()]),
        ),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "unknown CA",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), rejected("unable to get local issuer certificate")),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "expired: tls.cert.expired explains it",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), rejected("certificate has expired")),
      expected: [],
    },
    {
      name: "wrong name: the name rules explain it",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), rejected("Hostname/IP does not match certificate's altnames")),
      expected: [],
    },
    {
      name: "missing intermediate: tls.cert.chain-incomplete explains it",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`), rejected("unable to verify the first certificate", [certificate()])),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(certUntrusted(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("quotes the verifier", () => {
    const probes = change(healthy, on("tls", `sip2.${D}`), rejected("unable to get local issuer certificate"));
    const [result] = certUntrusted(ruleInput(resolution, probes));
    expect(result?.title).toBe(`Certificate of sip2.${D}:5061 is not trusted: unable to get local issuer certificate`);
    expect(result?.detail).toContain("issued by CN=Example Root CA, O=Example Trust");
  });
});
