import { beforeAll, describe, expect, it } from "vitest";
import { reachabilityFromProbes } from "../audit/probe-reachability";
import { sipErrorStatus } from "../findings/probe-rules/sip-error-status";
import {
  change,
  D,
  healthyProbesFor,
  healthyResolution,
  on,
  ruleInput,
  sipResult,
} from "../findings/probe-rules/test-probes";
import { registerContactPrivate } from "../findings/register-rules/register-contact-private";
import { registerRefused } from "../findings/register-rules/register-refused";
import type { RegistrationResult } from "../register/types";
import type { SipResolution } from "../sip/types";
import { type ResponseHandling, responseHandlingOf, statusVerdict } from "./response-handling";
import type { TargetProbes } from "./types";

const challengeEverything: ResponseHandling = {
  options: { upStatuses: [401, 407], maintenanceStatuses: [503] },
  register: { upStatuses: [], maintenanceStatuses: [503] },
};
const answer =
  (status: number) =>
  (p: TargetProbes): TargetProbes => ({
    ...p,
    sip: sipResult(p.target, { response: { status, reason: "Whatever", headers: {} } }),
  });
const registered = (p: TargetProbes, overrides: Partial<RegistrationResult>): TargetProbes => ({
  ...p,
  register: {
    target: p.target,
    outcome: "registered",
    aor: `sip:alice@${D}`,
    requests: 2,
    challenges: [],
    expiresRequestedS: 300,
    contactSent: "sip:sw-1@192.0.2.50:40000",
    status: 200,
    reason: "OK",
    ...overrides,
  },
});

let resolution: SipResolution;
let healthy: TargetProbes[];
beforeAll(async () => {
  resolution = await healthyResolution();
  healthy = healthyProbesFor(resolution);
});

describe("per-monitor response handling", () => {
  it("reads a status as up, maintenance or left to the rules", () => {
    expect(statusVerdict(401, challengeEverything.options)).toBe("up");
    expect(statusVerdict(503, challengeEverything.options)).toBe("maintenance");
    expect(statusVerdict(500, challengeEverything.options)).toBe("default");
    expect(statusVerdict(401, undefined)).toBe("default");
    expect(responseHandlingOf(null).options.upStatuses).toEqual([]);
    expect(
      responseHandlingOf({ register: { upStatuses: [403], maintenanceStatuses: [] } }).register.upStatuses,
    ).toEqual([403]);
  });

  it.each<[number, ResponseHandling | undefined, string | null]>([
    [401, undefined, "info"],
    [401, challengeEverything, null],
    [407, challengeEverything, null],
    [503, undefined, "warning"],
    [503, challengeEverything, "info"],
    [500, challengeEverything, "warning"],
  ])("OPTIONS %i with %o -> %s", (status, handling, severity) => {
    const probes = change(healthy, on("tls", `sip1.${D}`), answer(status));
    const findings = sipErrorStatus({
      ...ruleInput(resolution, probes),
      ...(handling ? { responseHandling: handling } : {}),
    });
    expect(findings.map((f) => f.severity)).toEqual(severity ? [severity] : []);
    if (status === 503 && handling) expect(findings[0]?.title).toContain("maintenance");
  });

  it("a status counted as up makes the target reachable for the phones; maintenance does not", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`), answer(503));
    const probed = probes.find((p) => p.target.transport === "tls" && p.target.host === `sip1.${D}`)?.target;
    if (!probed) throw new Error("no tls target in the fixture");
    const target = { ...probed, family: 4 as const, source: "srv" as const };
    expect(reachabilityFromProbes(probes)(target).reachability).toBe("failed");
    const up = { ...challengeEverything, options: { upStatuses: [503], maintenanceStatuses: [] } };
    expect(reachabilityFromProbes(probes, up)(target).reachability).toBe("ok");
    expect(reachabilityFromProbes(probes, challengeEverything)(target).detail).toContain("maintenance");
  });

  const accepts403: ResponseHandling = {
    ...challengeEverything,
    register: { upStatuses: [403], maintenanceStatuses: [] },
  };
  it.each<[number, ResponseHandling | undefined, string | null]>([
    [503, undefined, "critical"],
    [503, challengeEverything, "info"],
    [403, accepts403, null],
    [403, challengeEverything, "critical"],
  ])("REGISTER refused %i with %o -> %s", (status, handling, severity) => {
    const probes = change(healthy, on("tls", `sip1.${D}`), (p) =>
      registered(p, { outcome: "refused", status, reason: "No" }),
    );
    const findings = registerRefused({
      ...ruleInput(resolution, probes),
      ...(handling ? { responseHandling: handling } : {}),
    });
    expect(findings.map((f) => f.severity)).toEqual(severity ? [severity] : []);
  });

  it("where REGISTER ran, it decides whether phones register there, not OPTIONS", () => {
    const at = (overrides: Partial<RegistrationResult>) => {
      const probes = change(healthy, on("tls", `sip1.${D}`), (p) => registered(p, overrides));
      const probed = probes.find((p) => p.register)?.target;
      if (!probed) throw new Error("no registered target");
      return (handling?: ResponseHandling) =>
        reachabilityFromProbes(probes, handling)({ ...probed, family: 4, source: "srv" });
    };
    expect(at({})().reachability).toBe("ok");
    expect(at({ outcome: "credentials-rejected", status: 401, reason: "Unauthorized" })()).toMatchObject({
      reachability: "failed",
      detail: "REGISTER rejects the credentials (401 Unauthorized)",
    });
    expect(at({ outcome: "refused", status: 403, reason: "Forbidden" })(accepts403).reachability).toBe("ok");
    expect(at({ outcome: "timeout", error: "no result" })().reachability).toBe("timeout");
  });

  it("a Contact rewritten to a private address is a finding unless the monitor expects rewriting", () => {
    const probes = change(healthy, on("tls", `sip1.${D}`), (p) =>
      registered(p, { bindings: [{ uri: "sip:sw-1@10.1.2.3:5060", expiresS: 300, ours: true }] }),
    );
    expect(registerContactPrivate(ruleInput(resolution, probes)).map((f) => f.id)).toEqual([
      "register.contact-private",
    ]);
    expect(registerContactPrivate({ ...ruleInput(resolution, probes), expectContact: "rewritten" })).toEqual([]);
  });
});
