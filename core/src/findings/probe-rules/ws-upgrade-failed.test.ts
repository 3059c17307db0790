import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { D, healthyResolution, ruleInput, sipResult, summary, target } from "./test-probes";
import { wsUpgradeFailed } from "./ws-upgrade-failed";

const wss1 = target("wss", `ws1.${D}`, "192.0.2.21", 443);
const wss2 = target("wss", `ws2.${D}`, "192.0.2.22", 443);
const upgraded = (t: typeof wss1): TargetProbes => ({ target: t, sip: sipResult(t) });
const refused = (t: typeof wss1, upgradeStatus?: number): TargetProbes => ({
  target: t,
  sip: sipResult(t, { outcome: "upgrade-failed", response: undefined, ...(upgradeStatus ? { upgradeStatus } : {}) }),
});
let resolution: SipResolution;
beforeAll(async () => {
  resolution = await healthyResolution();
});
const run = (probes: TargetProbes[]) => wsUpgradeFailed(ruleInput(resolution, probes));

describe("transport.ws.upgrade-failed", () => {
  it.each([
    { name: "both upgrade", probes: [upgraded(wss1), upgraded(wss2)], expected: [] },
    {
      name: "one answers 400",
      probes: [refused(wss1, 400), upgraded(wss2)],
      expected: [{ id: "transport.ws.upgrade-failed", severity: "warning", subject: `wss ws1.${D}:443` }],
    },
    {
      name: "none upgrades",
      probes: [refused(wss1, 404), refused(wss2)],
      expected: [
        { id: "transport.ws.upgrade-failed", severity: "critical", subject: `wss ws1.${D}:443` },
        { id: "transport.ws.upgrade-failed", severity: "critical", subject: `wss ws2.${D}:443` },
      ],
    },
  ])("$name", ({ probes, expected }) => {
    expect(summary(run(probes))).toEqual(expected);
  });

  it("quotes the HTTP status", () => {
    const [result] = run([refused(wss1, 426)]);
    expect(result?.detail).toContain("answered HTTP 426 instead of 101 Switching Protocols");
  });
});
