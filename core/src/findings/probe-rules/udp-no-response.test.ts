import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { change, D, healthyProbesFor, healthyResolution, on, ruleInput, sipResult, summary } from "./test-probes";
import { udpNoResponse } from "./udp-no-response";

const finding = (severity: string, subject: string) => ({ id: "transport.udp.no-response", severity, subject });
const udpAs =
  (outcome: "timeout" | "refused", transmissions = 7) =>
  (p: TargetProbes): TargetProbes => ({
    target: p.target,
    sip: sipResult(p.target, { outcome, transmissions, response: undefined }),
  });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.udp.no-response", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "one server silent",
      edit: (p: TargetProbes[]) => change(p, on("udp", `sip2.${D}`), udpAs("timeout")),
      expected: [finding("warning", `udp sip2.${D}:5060`)],
    },
    {
      name: "every UDP server silent",
      edit: (p: TargetProbes[]) => change(p, on("udp"), udpAs("timeout")),
      expected: [finding("critical", `udp sip1.${D}:5060`), finding("critical", `udp sip2.${D}:5060`)],
    },
    {
      name: "ICMP port unreachable counts too",
      edit: (p: TargetProbes[]) => change(p, on("udp", `sip1.${D}`, "192.0.2.11"), udpAs("refused", 1)),
      expected: [finding("warning", `udp sip1.${D}:5060`)],
    },
    {
      name: "the edge did not probe UDP at all",
      edit: (p: TargetProbes[]) => change(p, on("udp"), (x) => ({ target: x.target })),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = udpNoResponse(ruleInput(resolution, edit(healthy)));
    expect(summary(findings).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected);
  });

  it("counts the retransmissions", () => {
    const [result] = udpNoResponse(ruleInput(resolution, change(healthy, on("udp", `sip2.${D}`), udpAs("timeout"))));
    expect(result?.detail).toContain("OPTIONS sent 7 times to 192.0.2.12, 2001:db8::12");
    expect(facts(result)?.silent).toEqual([
      { address: "192.0.2.12", outcome: "timeout", transmissions: 7 },
      { address: "2001:db8::12", outcome: "timeout", transmissions: 7 },
    ]);
  });
});
