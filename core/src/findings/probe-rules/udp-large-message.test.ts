import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { facts } from "../test-evidence";
import { change, D, healthyProbesFor, healthyResolution, on, ruleInput, sipResult, summary } from "./test-probes";
import { udpLargeMessage } from "./udp-large-message";

const finding = (subject: string) => ({ id: "transport.udp.large-message", severity: "warning", subject });
const answerOf =
  (bytes: number) =>
  (p: TargetProbes): TargetProbes => ({ ...p, sip: sipResult(p.target, { response: { bytes } }) });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.udp.large-message", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, expected: [] },
    {
      name: "exactly 1300 bytes is fine",
      edit: (p: TargetProbes[]) => change(p, on("udp"), answerOf(1300)),
      expected: [],
    },
    {
      name: "1301 bytes on one server",
      edit: (p: TargetProbes[]) => change(p, on("udp", `sip1.${D}`), answerOf(1301)),
      expected: [finding(`udp sip1.${D}:5060`)],
    },
    {
      name: "too large for the prober to read",
      edit: (p: TargetProbes[]) =>
        change(p, on("udp", `sip2.${D}`), (x) => ({
          ...x,
          sip: sipResult(x.target, { outcome: "too-large", response: undefined }),
        })),
      expected: [finding(`udp sip2.${D}:5060`)],
    },
    {
      name: "large answers over TCP are fine",
      edit: (p: TargetProbes[]) => change(p, on("tcp"), answerOf(4000)),
      expected: [],
    },
  ])("$name", ({ edit, expected }) => {
    const findings = udpLargeMessage(ruleInput(resolution, edit(healthy)));
    expect(summary(findings).sort((a, b) => a.subject.localeCompare(b.subject))).toEqual(expected);
  });

  it("gives the size and cites RFC 3261 18.1.1", () => {
    const [result] = udpLargeMessage(ruleInput(resolution, change(healthy, on("udp", `sip1.${D}`), answerOf(1480))));
    expect(result?.title).toBe(`SIP answer over UDP from sip1.${D}:5060 is 1480 bytes`);
    expect(result?.detail).toContain("RFC 3261 18.1.1");
    expect(facts(result)?.large).toEqual([
      { address: "192.0.2.11", bytes: 1480 },
      { address: "2001:db8::11", bytes: 1480 },
    ]);
  });
});
