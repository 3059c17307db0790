import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { certNotYetValid } from "./cert-not-yet-valid";
import {
  certificate,
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  issuingCa,
  on,
  ruleInput,
  serving,
  summary,
} from "./test-probes";

const finding = (subject: string) => ({ id: "tls.cert.not-yet-valid", severity: "critical", subject });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.not-yet-valid", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "leaf valid from tomorrow",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip1.${D}`),
          serving([certificate({ notBefore: "2025-06-02T00:00:00.000Z" }), issuingCa()]),
        ),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "intermediate from the future",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip2.${D}`),
          serving([certificate(), issuingCa({ notBefore: "2025-07-01T00:00:00.000Z" })]),
        ),
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "valid from exactly now",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tls", `sip1.${D}`),
          serving([certificate({ notBefore: "2025-06-01T00:00:00.000Z" }), issuingCa()]),
        ),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(certNotYetValid(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("gives the start of validity and points at clocks", () => {
    const probes = change(
      healthy,
      on("tls", `sip1.${D}`),
      serving([certificate({ notBefore: "2025-06-01T06:30:00.000Z" })]),
    );
    const [result] = certNotYetValid(ruleInput(resolution, probes));
    expect(result?.title).toBe(`Certificate of sip1.${D}:5061 is not valid before 2025-06-01 06:30 UTC`);
    expect(result?.fix).toMatch(/clock/);
  });
});
