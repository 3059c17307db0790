import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { tcpUnreachable } from "./tcp-unreachable";
import {
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  on,
  ruleInput,
  sipResult,
  summary,
  target,
  tlsResult,
} from "./test-probes";

const finding = (severity: string, subject: string) => ({ id: "transport.tcp.unreachable", severity, subject });
const tlsFails =
  (outcome: "refused" | "timeout" | "unreachable" | "handshake-failed", connectMs?: number) =>
  (p: TargetProbes): TargetProbes => ({
    target: p.target,
    tls: tlsResult(p.target, { outcome, chain: [], connectMs, verification: undefined }),
  });
const tcpFails =
  (outcome: "refused" | "timeout") =>
  (p: TargetProbes): TargetProbes => ({ target: p.target, tcp: { target: p.target, outcome } });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.tcp.unreachable", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "one TLS server refuses on both addresses: others remain",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), tlsFails("refused")),
      expected: [finding("warning", `tls sip2.${D}:5061`)],
    },
    {
      name: "every TLS server times out: TLS is dead",
      edit: (p: TargetProbes[]) => change(p, on("tls"), tlsFails("timeout")),
      expected: [finding("critical", `tls sip1.${D}:5061`), finding("critical", `tls sip2.${D}:5061`)],
    },
    {
      name: "one refused, the other failing TLS: no TLS server works, critical",
      edit: (p: TargetProbes[]) =>
        change(
          change(p, on("tls", `sip1.${D}`), tlsFails("refused")),
          on("tls", `sip2.${D}`),
          tlsFails("handshake-failed", 20),
        ),
      expected: [finding("critical", `tls sip1.${D}:5061`)],
    },
    {
      name: "TLS timeout after TCP connected is the handshake's business",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), tlsFails("timeout", 20)),
      expected: [],
    },
    {
      name: "TCP connect refused on the IPv6 address only",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip1.${D}`, "2001:db8::11"), tcpFails("refused")),
      expected: [finding("warning", `tcp sip1.${D}:5060`)],
    },
    {
      name: "UDP silence is not a TCP failure",
      edit: (p: TargetProbes[]) =>
        change(p, on("udp"), (x) => ({ target: x.target, sip: sipResult(x.target, { outcome: "timeout" }) })),
      expected: [],
    },
    {
      name: "targets never probed say nothing",
      edit: (p: TargetProbes[]) => change(p, on("tls"), (x) => ({ target: x.target })),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = tcpUnreachable(ruleInput(resolution, edit(healthy)));
    expect(summary(findings).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected);
  });

  it("WSS counts through its SIP probe", () => {
    const wss = target("wss", `ws.${D}`, "192.0.2.20", 443);
    const findings = tcpUnreachable(
      ruleInput(resolution, [{ target: wss, sip: sipResult(wss, { outcome: "refused" }) }]),
    );
    expect(summary(findings)).toEqual([finding("critical", `wss ws.${D}:443`)]);
  });

  it("names the failing addresses and what happened", () => {
    const probes = change(healthy, on("tcp", `sip1.${D}`, "2001:db8::11"), tcpFails("timeout"));
    const [result] = tcpUnreachable(ruleInput(resolution, probes));
    expect(result?.title).toBe(`TCP server sip1.${D}:5060 does not accept connections on 2001:db8::11`);
    expect(result?.detail).toMatch(/wait for the connection to time out/);
    expect(facts(result)?.failed).toEqual([{ address: "2001:db8::11", outcome: "timeout", probe: "tcp" }]);
    expect(facts(result)?.probedAddresses).toEqual(["192.0.2.11", "2001:db8::11"]);
  });
});
