import { beforeAll, describe, expect, it } from "vitest";
import type { TargetProbes } from "../../probe/types";
import type { SipResolution } from "../../sip/types";
import { errorStatusSeverity, sipErrorStatus } from "./sip-error-status";
import { change, D, healthyProbesFor, healthyResolution, on, ruleInput, sipResult, summary } from "./test-probes";

const finding = (severity: string, subject: string) => ({ id: "transport.sip.error-status", severity, subject });
const answer =
  (status: number, reason: string, headers: Record<string, string[]> = {}) =>
  (p: TargetProbes): TargetProbes => ({ ...p, sip: sipResult(p.target, { response: { status, reason, headers } }) });

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("transport.sip.error-status", () => {
  it.each([
    [200, null],
    [401, "info"],
    [403, "info"],
    [404, "info"],
    [405, "info"],
    [407, "info"],
    [420, "info"],
    [501, "info"],
    [603, "info"],
    [400, "warning"],
    [480, "warning"],
    [482, "warning"],
    [500, "warning"],
    [503, "warning"],
  ])("OPTIONS answered %i -> %s", (status, severity) => {
    const probes = change(healthy, on("tls", `sip1.${D}`), answer(status, "Whatever"));
    const expected = severity ? [finding(severity, `tls sip1.${D}:5061`)] : [];
    expect(summary(sipErrorStatus(ruleInput(resolution, probes)))).toEqual(expected);
    if (severity) expect(errorStatusSeverity(status)).toBe(severity);
  });

  it("one finding per server, the worst answer decides", () => {
    const probes = change(
      change(healthy, on("udp", `sip2.${D}`, "192.0.2.12"), answer(403, "Forbidden")),
      on("udp", `sip2.${D}`, "2001:db8::12"),
      answer(503, "Service Unavailable", { "retry-after": ["120"] }),
    );
    const [result, ...rest] = sipErrorStatus(ruleInput(resolution, probes));
    expect(rest).toEqual([]);
    expect(result?.severity).toBe("warning");
    expect(result?.title).toBe(`sip2.${D}:5060 answers OPTIONS over UDP with 403 Forbidden, 503 Service Unavailable`);
    expect(result?.detail).toContain("maintenance");
    expect(result?.detail).toContain("retry after 120 seconds");
  });

  it("a timeout is not a status", () => {
    const probes = change(healthy, on("udp"), (p) => ({
      ...p,
      sip: sipResult(p.target, { outcome: "timeout", response: undefined }),
    }));
    expect(sipErrorStatus(ruleInput(resolution, probes))).toEqual([]);
  });
});
