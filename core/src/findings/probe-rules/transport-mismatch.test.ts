import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import {
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  on,
  ruleInput,
  sipResult,
  summary,
  tlsResult,
} from "./test-probes";
import { transportMismatchRule } from "./transport-mismatch";

const finding = (severity: string, subject: string) => ({ id: "transport.mismatch", severity, subject });
const notTls =
  (firstBytes?: string) =>
  (p: TargetProbes): TargetProbes => ({
    target: p.target,
    tls: tlsResult(p.target, {
      outcome: "not-tls",
      chain: [],
      verification: undefined,
      ...(firstBytes ? { firstBytes } : {}),
    }),
  });
const tlsAnswerToPlainOptions =
  (error: string) =>
  (p: TargetProbes): TargetProbes => ({
    ...p,
    sip: sipResult(p.target, { outcome: "malformed", error, response: undefined }),
  });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.mismatch", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "plaintext SIP on one TLS server",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), notTls("SIP/2.0 400 Bad Request\r\n")),
      expected: [finding("warning", `tls sip2.${D}:5061`)],
    },
    {
      name: "every TLS server speaks plaintext",
      edit: (p: TargetProbes[]) => change(p, on("tls"), notTls()),
      expected: [finding("critical", `tls sip1.${D}:5061`), finding("critical", `tls sip2.${D}:5061`)],
    },
    {
      name: "TCP port answering plaintext OPTIONS with a TLS alert (JSON-escaped record header)",
      edit: (p: TargetProbes[]) =>
        change(
          p,
          on("tcp", `sip1.${D}`),
          tlsAnswerToPlainOptions('not a SIP response status line: "\\u0015\\u0003\\u0003\\u0000\\u0002\\u0002F"'),
        ),
      expected: [finding("warning", `tcp sip1.${D}:5060`)],
    },
    {
      name: "TCP port whose reader names TLS",
      edit: (p: TargetProbes[]) =>
        change(p, on("tcp", `sip2.${D}`), tlsAnswerToPlainOptions("peer sent a TLS handshake record")),
      expected: [finding("warning", `tcp sip2.${D}:5060`)],
    },
    {
      name: "a TCP answer that is merely malformed SIP",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip2.${D}`), tlsAnswerToPlainOptions("invalid Content-Length")),
      expected: [],
    },
    {
      name: "a TLS handshake completing on a TCP port",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip2.${D}`), (x) => ({ ...x, tls: tlsResult(x.target) })),
      expected: [finding("warning", `tcp sip2.${D}:5060`)],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = transportMismatchRule(ruleInput(resolution, edit(healthy)));
    expect(summary(findings).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected);
  });

  it("says what the listener spoke and which SRV record points there", () => {
    const probes = change(healthy, on("tls", `sip2.${D}`), notTls("SIP/2.0 400 Bad Request\r\n"));
    const [result] = transportMismatchRule(ruleInput(resolution, probes));
    expect(result?.title).toBe(`sip2.${D}:5061 is advertised for TLS but does not speak TLS`);
    expect(result?.detail).toContain("answered in SIP");
    expect(result?.fix).toContain(`_sips._tcp.${D}`);
    expect(result?.evidence.srvOwner).toBe(`_sips._tcp.${D}`);
  });
});
