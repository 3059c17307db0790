import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { certExpired } from "./cert-expired";
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

const finding = (severity: string, subject: string) => ({ id: "tls.cert.expired", severity, subject });
const expiredLeaf = certificate({ notAfter: "2025-05-31T00:00:00.000Z" });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.expired", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "expired leaf on one server",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), serving([expiredLeaf, issuingCa()])),
      expected: [finding("critical", `tls sip2.${D}:5061`)],
    },
    {
      name: "expired intermediate",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip1.${D}`),
          serving([certificate(), issuingCa({ notAfter: "2025-05-01T00:00:00.000Z" })]),
        ),
      expected: [finding("critical", `tls sip1.${D}:5061`)],
    },
    {
      name: "an expired root sent along is only clutter",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip1.${D}`),
          serving([certificate(), issuingCa(), rootCa({ notAfter: "2025-05-01T00:00:00.000Z" })]),
        ),
      expected: [finding("warning", `tls sip1.${D}:5061`)],
    },
    {
      name: "a failed handshake has no certificate to judge",
      edit: (p: TargetProbes[]) => change(p, on("tls"), serving([expiredLeaf], { outcome: "handshake-failed" })),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(certExpired(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("one finding per server listing the addresses that serve the certificate", () => {
    const probes = change(healthy, on("tls", `sip2.${D}`), serving([expiredLeaf, issuingCa()]));
    const findings = certExpired(ruleInput(resolution, probes));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.title).toBe(`Certificate of sip2.${D}:5061 expired on 2025-05-31`);
    expect(facts(findings[0])?.served).toEqual([
      {
        addresses: ["192.0.2.12", "2001:db8::12"],
        certificate: expect.objectContaining({ subject: "CN=sip1.example.com", notAfter: "2025-05-31T00:00:00.000Z" }),
        expired: [{ index: 0, subject: "CN=sip1.example.com", notAfter: "2025-05-31T00:00:00.000Z" }],
      },
    ]);
  });

  it("a stale node beside a renewed one is reported with its address only", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`, "2001:db8::11"), serving([expiredLeaf, issuingCa()]));
    const [result] = certExpired(ruleInput(resolution, probes));
    expect(facts(result)?.served).toEqual([expect.objectContaining({ addresses: ["2001:db8::11"] })]);
  });
});
