import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { certWildcard } from "./cert-wildcard";
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

const finding = (subject: string) => ({ id: "tls.cert.wildcard", severity: "warning", subject });
const naming = (...dns: string[]) => serving([certificate({ dns }), issuingCa()]);

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("tls.cert.wildcard", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "only *.example.com: the server is covered by the wildcard, the domain not at all",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming(`*.${D}`)),
      expected: [finding(`tls sip1.${D}:5061`)],
    },
    {
      name: "the domain named exactly beside a wildcard: RFC 5922 clients are satisfied",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming(D, `*.${D}`)),
      expected: [],
    },
    {
      name: "the server named exactly beside a wildcard",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming(`sip1.${D}`, `*.${D}`)),
      expected: [],
    },
    {
      name: "no wildcard and no match is the mismatch rules' business",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), naming("other.example.net")),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    expect(summary(certWildcard(ruleInput(resolution, edit(healthy))))).toEqual(expected);
  });

  it("a SIP domain below a wildcard (sip:voip.example.com, *.example.com)", () => {
    const t = target("tls", `edge.${D}`, "192.0.2.30", 5061, `voip.${D}`);
    const probes = [{ target: t, tls: tlsResult(t, { chain: [certificate({ dns: [`*.${D}`] })] }) }];
    const [result] = certWildcard(ruleInput(resolution, probes));
    expect(result?.title).toBe(`Certificate of edge.${D}:5061 covers voip.${D}, edge.${D} only through *.${D}`);
    expect(result?.fix).toContain(`DNS:voip.${D}, DNS:edge.${D}`);
  });
});
