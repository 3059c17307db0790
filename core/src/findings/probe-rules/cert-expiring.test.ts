import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { certExpiring, expirySeverity } from "./cert-expiring";
import {
  certificate,
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  issuingCa,
  NOW,
  on,
  ruleInput,
  serving,
  summary,
} from "./test-probes";

const DAY = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();
/** A leaf issued `age` days before NOW that has `left` days to go. */
const leaf = (left: number, age = 60) => certificate({ notBefore: at(-age), notAfter: at(left) });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("expirySeverity", () => {
  it.each([
    { left: 31, lifetime: 90, expected: null },
    { left: 30, lifetime: 90, expected: "info" },
    { left: 15, lifetime: 90, expected: "info" },
    { left: 14, lifetime: 90, expected: "warning" },
    { left: 7.5, lifetime: 90, expected: "warning" },
    { left: 7, lifetime: 90, expected: "critical" },
    { left: 0.5, lifetime: 398, expected: "critical" },
    { left: 20, lifetime: 47, expected: null },
    { left: 15, lifetime: 47, expected: "info" },
    { left: 5, lifetime: 47, expected: "warning" },
    { left: 3, lifetime: 47, expected: "critical" },
    { left: 3, lifetime: 6.67, expected: null },
    { left: 2, lifetime: 6.67, expected: "info" },
    { left: 1, lifetime: 6.67, expected: "warning" },
    { left: 0.5, lifetime: 6.67, expected: "critical" },
  ])("$left days left of $lifetime -> $expected", ({ left, lifetime, expected }) => {
    expect(expirySeverity(left, lifetime)).toBe(expected);
  });
});

describe("tls.cert.expiring", () => {
  const finding = (severity: string) => ({ id: "tls.cert.expiring", severity, subject: `tls sip1.${D}:5061` });
  it.each([
    { name: "healthy probes (179 days left)", chain: undefined, expected: [] },
    { name: "25 days left", chain: [leaf(25), issuingCa()], expected: [finding("info")] },
    { name: "10 days left", chain: [leaf(10), issuingCa()], expected: [finding("warning")] },
    { name: "3 days left", chain: [leaf(3), issuingCa()], expected: [finding("critical")] },
    { name: "already expired is tls.cert.expired", chain: [leaf(-1), issuingCa()], expected: [] },
    {
      name: "intermediate ends before the leaf",
      chain: [leaf(120), issuingCa({ notAfter: at(5) })],
      expected: [finding("critical")],
    },
  ])("$name", ({ chain, expected }) => {
    const probes = chain ? change(healthy, on("tls", `sip1.${D}`), serving(chain)) : healthy;
    expect(summary(certExpiring(ruleInput(resolution, probes)))).toEqual(expected);
  });

  it("says when, and which certificate", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`), serving([leaf(10), issuingCa()]));
    const [result] = certExpiring(ruleInput(resolution, probes));
    expect(result?.title).toBe(`Certificate of sip1.${D}:5061 expires in 10 days (2025-06-11)`);
    const probes2 = change(healthy, on("tls", `sip1.${D}`), serving([leaf(120), issuingCa({ notAfter: at(0.5) })]));
    const [result2] = certExpiring(ruleInput(resolution, probes2));
    expect(result2?.title).toBe(
      `Intermediate certificate CN=Example Issuing CA, O=Example Trust sent by sip1.${D}:5061 expires within a day (2025-06-01)`,
    );
  });
});
