import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { certNameMismatchTarget } from "./cert-name-mismatch-target";
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
  target,
  tlsResult,
} from "./test-probes";

const finding = (severity: string, subject: string) => ({ id: "tls.cert.name-mismatch-target", severity, subject });
const naming = (...dns: string[]) => serving([certificate({ dns }), issuingCa()]);

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.name-mismatch-target", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "names the domain only: RFC 5922 clients connect, host-checking clients do not",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), naming(D)),
      expected: [finding("info", `tls sip2.${D}:5061`)],
    },
    {
      name: "names neither the domain nor the server",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), naming("mail.example.net")),
      expected: [finding("critical", `tls sip2.${D}:5061`)],
    },
    {
      name: "wildcard covers the server: tls.cert.wildcard's business",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), naming(`*.${D}`)),
      expected: [],
    },
    {
      name: "names the server only: tls.cert.name-mismatch-domain's business",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming(`sip1.${D}`)),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(certNameMismatchTarget(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("says nothing when the target is the domain itself", () => {
    const t = target("tls", D, "192.0.2.10", 5061);
    const probes = [{ target: t, tls: tlsResult(t, { chain: [certificate({ dns: ["other.example.net"] })] }) }];
    expect(certNameMismatchTarget(ruleInput(resolution, probes))).toEqual([]);
  });

  it("tells who connects and who does not", () => {
    const [result] = certNameMismatchTarget(ruleInput(resolution, change(healthy, on("tls", `sip2.${D}`), naming(D))));
    expect(result?.detail).toBe(
      `The certificate names DNS:${D}. It covers the SIP domain ${D}, which RFC 5922 clients check, so they connect; clients that check the name they connected to (sip2.${D}) refuse it.`,
    );
  });
});
