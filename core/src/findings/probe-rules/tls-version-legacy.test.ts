import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
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
import { isLegacyTlsVersion, tlsVersionLegacy } from "./tls-version-legacy";

const finding = (severity: string, subject: string) => ({ id: "tls.version.legacy", severity, subject });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.version.legacy", () => {
  it.each([
    { name: "healthy probes (TLS 1.3, nothing legacy accepted)", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "TLS 1.2 best version is fine",
      edit: (p: TargetProbes[]) => change(p, on("tls"), serving([certificate()], { version: "TLSv1.2" })),
      expected: [],
    },
    {
      name: "TLS 1.0 and 1.1 still accepted",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip1.${D}`), serving([certificate()], { legacyVersionsAccepted: ["TLSv1", "TLSv1.1"] })),
      expected: [finding("warning", `tls sip1.${D}:5061`)],
    },
    {
      name: "nothing newer than TLS 1.0",
      edit: (p: TargetProbes[]) =>
        change(p, on("tls", `sip2.${D}`, "192.0.2.12"), serving([certificate()], { version: "TLSv1" })),
      expected: [finding("critical", `tls sip2.${D}:5061`)],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(tlsVersionLegacy(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it.each([
    ["TLSv1", true],
    ["TLSv1.1", true],
    ["SSLv3", true],
    ["TLS 1.0", true],
    ["TLSv1.2", false],
    ["TLSv1.3", false],
  ])("%s is legacy: %s", (version, expected) => {
    expect(isLegacyTlsVersion(version)).toBe(expected);
  });

  it("lists the versions per address", () => {
    const probes = change(
      healthy,
      on("tls", `sip1.${D}`, "192.0.2.11"),
      serving([certificate()], { legacyVersionsAccepted: ["TLSv1.1"] }),
    );
    const [result] = tlsVersionLegacy(ruleInput(resolution, probes));
    expect(result?.title).toBe(`sip1.${D}:5061 still accepts TLSv1.1`);
    expect(facts(result)?.addresses).toEqual([{ address: "192.0.2.11", accepted: ["TLSv1.1"] }]);
  });
});
