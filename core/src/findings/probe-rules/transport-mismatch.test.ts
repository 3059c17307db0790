import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
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

/** The TLS ClientHello met nothing and plain OPTIONS over TCP to the same port drew `status`. */
const plainSipAnswers =
  (met: "silence" | "close", status = 200) =>
  (p: TargetProbes): TargetProbes => ({
    target: p.target,
    tls: tlsResult(p.target, { outcome: "timeout", chain: [], verification: undefined, serverBytes: 0 }),
    crossCheck: {
      met,
      spoke: "tcp",
      sip: sipResult(
        { ...p.target, transport: "tcp" },
        { response: { status, reason: status === 200 ? "OK" : "Forbidden" } },
      ),
    },
  });
/** Plain OPTIONS met nothing; a TLS handshake on the same port completed, and OPTIONS inside it `sipAnswered`. */
const tlsAnswers =
  (sipAnswered: boolean) =>
  (p: TargetProbes): TargetProbes => {
    const secure = { ...p.target, transport: "tls" as const };
    return {
      ...p,
      sip: sipResult(p.target, { outcome: "reset", response: undefined }),
      crossCheck: {
        met: "close",
        spoke: "tls",
        tls: tlsResult(secure),
        sip: sipAnswered ? sipResult(secure) : sipResult(secure, { outcome: "timeout", response: undefined }),
      },
    };
  };
const nothingAnswers = (p: TargetProbes): TargetProbes => ({
  target: p.target,
  tls: tlsResult(p.target, { outcome: "timeout", chain: [], verification: undefined, serverBytes: 0 }),
  crossCheck: {
    met: "silence",
    spoke: "tcp",
    sip: sipResult({ ...p.target, transport: "tcp" }, { outcome: "timeout", response: undefined }),
  },
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
    {
      name: "cross-check: plain SIP over TCP answers where the ClientHello met silence",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), plainSipAnswers("silence")),
      expected: [finding("warning", `tls sip1.${D}:5061`)],
    },
    {
      name: "cross-check: plain SIP answering 403 still proves plain SIP, on every TLS server",
      edit: (p: TargetProbes[]) => change(p, on("tls"), plainSipAnswers("close", 403)),
      expected: [finding("critical", `tls sip1.${D}:5061`), finding("critical", `tls sip2.${D}:5061`)],
    },
    {
      name: "cross-check: SIP over TLS answers where plain OPTIONS met a close",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip2.${D}`), tlsAnswers(true)),
      expected: [finding("warning", `tcp sip2.${D}:5060`)],
    },
    {
      name: "cross-check: TLS completes though OPTIONS inside it do not answer",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip1.${D}`), tlsAnswers(false)),
      expected: [finding("warning", `tcp sip1.${D}:5060`)],
    },
    {
      name: "cross-check: the other transport met silence too (a dead listener, not a mismatch)",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip1.${D}`), nothingAnswers),
      expected: [],
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
    expect(facts(result)?.srvOwner).toBe(`_sips._tcp.${D}`);
  });

  it("names what answered, where, and which SRV record advertises the other transport", () => {
    const tlsPort = transportMismatchRule(
      ruleInput(resolution, change(healthy, on("tls", `sip1.${D}`), plainSipAnswers("silence"))),
    );
    expect(tlsPort[0]?.title).toBe(`plain SIP over TCP answers on sip1.${D}:5061, which SRV gives for TLS`);
    expect(tlsPort[0]?.detail).toContain("stayed silent");
    expect(tlsPort[0]?.detail).toContain("drew 200 OK (Server: Kamailio (5.8))");
    expect(facts(tlsPort[0])?.signs).toEqual([
      expect.objectContaining({
        crossCheck: expect.objectContaining({ answered: "plain SIP over TCP", met: "silence" }),
      }),
      expect.anything(),
    ]);
    const tcpPort = transportMismatchRule(
      ruleInput(resolution, change(healthy, on("tcp", `sip2.${D}`), tlsAnswers(true))),
    );
    expect(tcpPort[0]?.title).toBe(`SIP over TLS answers on sip2.${D}:5060, which SRV gives for TCP`);
    expect(tcpPort[0]?.detail).toContain("closed the connection without sending a byte");
    expect(tcpPort[0]?.fix).toContain(`_sip._tcp.${D}`);
    const handshakeOnly = transportMismatchRule(
      ruleInput(resolution, change(healthy, on("tcp", `sip1.${D}`), tlsAnswers(false))),
    );
    expect(handshakeOnly[0]?.title).toBe(`TLS answers on sip1.${D}:5060, which SRV gives for TCP`);
  });
});
