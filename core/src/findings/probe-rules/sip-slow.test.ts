import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { sipSlow } from "./sip-slow";
import { change, D, healthyProbesFor, healthyResolution, on, ruleInput, sipResult, summary } from "./test-probes";

const finding = (subject: string) => ({ id: "transport.sip.slow", severity: "warning", subject });
const rtt =
  (rttMs: number, transmissions?: number) =>
  (p: TargetProbes): TargetProbes => ({
    ...p,
    sip: sipResult(p.target, { rttMs, ...(transmissions ? { transmissions } : {}) }),
  });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.sip.slow", () => {
  it.each([
    { name: "healthy probes", edit: (p: TargetProbes[]) => p, slowMs: 1000, expected: [] },
    {
      name: "exactly the threshold",
      edit: (p: TargetProbes[]) => change(p, on("tls"), rtt(1000)),
      slowMs: 1000,
      expected: [],
    },
    {
      name: "above the threshold on one server",
      edit: (p: TargetProbes[]) => change(p, on("tls", `sip2.${D}`), rtt(1450)),
      slowMs: 1000,
      expected: [finding(`tls sip2.${D}:5061`)],
    },
    {
      name: "a stricter monitor threshold",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip1.${D}`), rtt(300)),
      slowMs: 250,
      expected: [finding(`tcp sip1.${D}:5060`)],
    },
    {
      name: "default threshold when the monitor sets none",
      edit: (p: TargetProbes[]) => change(p, on("tcp", `sip1.${D}`), rtt(900)),
      slowMs: undefined,
      expected: [],
    },
  ])("$name", ({ edit, slowMs, expected }) => {
    const findings = sipSlow(ruleInput(resolution, edit(healthy), { slowMs }));
    expect(summary(findings)).toEqual(expected);
  });

  it("a UDP answer after retransmission points at packet loss", () => {
    const [result] = sipSlow(
      ruleInput(resolution, change(healthy, on("udp", `sip1.${D}`, "192.0.2.11"), rtt(1540, 2))),
    );
    expect(result?.title).toBe(`OPTIONS over UDP to sip1.${D}:5060 took 1540 ms`);
    expect(result?.detail).toMatch(/sent again.*packets are being lost/);
    expect(result?.evidence).toMatchObject({
      thresholdMs: 1000,
      slow: [{ address: "192.0.2.11", rttMs: 1540, transmissions: 2 }],
    });
  });
});
