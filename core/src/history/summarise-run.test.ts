import { describe, expect, it } from "vitest";
import { auditSipTarget } from "../audit/audit-sip-target";
import type { Probers } from "../audit/run-probes";
import { MemoryResolver } from "../dns/memory-resolver";
import { certificate } from "../findings/probe-rules/test-probes";
import { healthyZone } from "../findings/rules/test-zone";
import type { ResponseHandling } from "../probe/response-handling";
import type { ProbeTarget } from "../probe/types";
import { fakeOpener, PASSWORD, reply } from "../register/fake-registrar";
import type { SipResolution } from "../sip/types";
import { parseSipTarget } from "../sip/uri";
import { phonesOfRun } from "./phones-of-run";
import { failedRunSummary, summariseRun } from "./summarise-run";

const NOW = new Date("2025-06-01T00:00:00Z");

/** Probers where every target answers, except those `down` names ("tls 192.0.2.11"). */
function probers(down: string[] = []): Probers {
  const isDown = (t: ProbeTarget) => down.includes(`${t.transport} ${t.address}`);
  return {
    tcp: { dial: async (target) => ({ target, outcome: isDown(target) ? "refused" : "connected", connectMs: 10.4 }) },
    tls: {
      probe: async (target) =>
        isDown(target)
          ? { target, outcome: "refused", chain: [] }
          : { target, outcome: "connected", connectMs: 12, chain: [certificate()], verification: { trusted: true } },
    },
    sip: {
      transports: ["tcp", "tls"],
      options: async (target) => ({
        target,
        outcome: "answered",
        rttMs: target.transport === "tls" ? 41.6 : 30,
        response: {
          status: 200,
          reason: "OK",
          allow: [],
          supported: [],
          contact: [],
          recordRoute: [],
          bytes: 300,
          headers: {},
        },
      }),
    },
  };
}

async function audit(down: string[] = []) {
  const parsed = parseSipTarget("example.com");
  if (!parsed.ok) throw new Error(parsed.error);
  return auditSipTarget(parsed.target, [new MemoryResolver(healthyZone())], {
    now: () => NOW,
    probe: { probers: probers(down), timeoutMs: 100 },
  });
}

/** An audit whose TLS targets register against a registrar answering every REGISTER with 403. */
async function auditWithForbiddingRegistrar(handling: ResponseHandling) {
  const parsed = parseSipTarget("example.com");
  if (!parsed.ok) throw new Error(parsed.error);
  const opener = fakeOpener("tls", (request, flow) => flow.deliver(reply(request, "403 Forbidden")));
  return auditSipTarget(parsed.target, [new MemoryResolver(healthyZone())], {
    now: () => NOW,
    probe: {
      probers: probers(),
      timeoutMs: 100,
      responseHandling: handling,
      register: { opener, credentials: { user: "alice", password: PASSWORD } },
    },
  });
}

describe("summariseRun", () => {
  it("keeps per transport the fastest working time, each target's outcome, profiles and certificate days", async () => {
    const summary = summariseRun(await audit(), NOW);
    expect(summary.transports.tls).toEqual({ ok: true, ms: 42 });
    expect(summary.transports.tcp).toEqual({ ok: true, ms: 30 });
    expect(summary.transports.udp).toBeUndefined();
    expect(summary.targets.find((t) => t.transport === "tls")).toMatchObject({
      outcome: "ok",
      connectMs: 12,
      sipMs: 42,
      sipStatus: 200,
      certDaysLeft: 179,
    });
    expect(summary.profiles.find((p) => p.profile === "rfc3263")).toEqual({
      profile: "rfc3263",
      final: "tls sip1.example.com:5061",
      delayed: false,
    });
    expect(summary.certDaysLeft).toBe(179);
    expect(JSON.stringify(summary).length).toBeLessThan(4000);
  });

  it.each([
    { down: ["tls 192.0.2.11", "tls 2001:db8::11"], tls: true, outcome: "refused" },
    {
      down: ["tls 192.0.2.11", "tls 2001:db8::11", "tls 192.0.2.12", "tls 2001:db8::12"],
      tls: false,
      outcome: "refused",
    },
  ])("a transport is up while one of its targets answers ($down.length down)", async ({ down, tls, outcome }) => {
    const summary = summariseRun(await audit(down), NOW);
    expect(summary.transports.tls?.ok).toBe(tls);
    expect(summary.targets.find((t) => t.transport === "tls" && t.address === "192.0.2.11")?.outcome).toBe(outcome);
    expect(summary.findings.critical + summary.findings.warning).toBeGreaterThan(0);
  });

  it("records a run without a report as an error", () => {
    expect(failedRunSummary("resolver down")).toMatchObject({ status: "error", error: "resolver down", targets: [] });
  });

  it("keeps enough to replay every phone's attempts and outcome from the stored row", async () => {
    for (const down of [[], ["tls 192.0.2.11"], ["tls 192.0.2.11", "tls 192.0.2.12", "tcp 192.0.2.11"]]) {
      const report = await audit(down);
      const replayed = phonesOfRun(report.resolution, summariseRun(report, NOW).targets);
      const view = (list: typeof report.profiles) =>
        list.map((p) => ({
          profile: p.profile,
          attempts: p.attempts.map((a) => [a.candidate.transport, a.candidate.address, a.candidate.port, a.step]),
          registered: p.outcome.registered,
          transport: p.outcome.transport,
        }));
      expect(view(replayed)).toEqual(view(report.profiles));
    }
  });

  it("replays a refused REGISTER as the phones meet it: they do not register there", async () => {
    const report = await audit([]);
    const targets = summariseRun(report, NOW).targets.map((t) =>
      t.transport === "tls" ? { ...t, register: { outcome: "credentials-rejected", status: 401, ms: 30 } } : t,
    );
    const rfc = phonesOfRun(report.resolution, targets).find((p) => p.profile === "rfc3263");
    expect(rfc?.outcome.transport).not.toBe("tls");
    expect(rfc?.attempts[0]?.why).toBe("REGISTER credentials-rejected (401)");
  });

  it.each([
    { counts: "up", upStatuses: [403], maintenanceStatuses: [], stored: "up", registersOverTls: true },
    {
      counts: "maintenance",
      upStatuses: [],
      maintenanceStatuses: [403],
      stored: "maintenance",
      registersOverTls: false,
    },
    { counts: "a failure", upStatuses: [], maintenanceStatuses: [], stored: undefined, registersOverTls: false },
  ])("replays a REGISTER status the monitor counts as $counts the way the audit judged it", async (c) => {
    const handling: ResponseHandling = {
      options: { upStatuses: [], maintenanceStatuses: [] },
      register: { upStatuses: c.upStatuses, maintenanceStatuses: c.maintenanceStatuses },
    };
    const report = await auditWithForbiddingRegistrar(handling);
    const targets = summariseRun(report, NOW, handling).targets;
    const tls = targets.filter((t) => t.transport === "tls");
    expect(tls.map((t) => t.register)).toEqual(tls.map(() => expect.objectContaining({ status: 403 })));
    expect(tls.map((t) => t.register?.counted)).toEqual(tls.map(() => c.stored));
    // Replayed later, whatever the monitor's settings are by then, the phones do what the report said.
    const replayed = phonesOfRun(report.resolution, targets);
    const view = (list: typeof report.profiles) =>
      list.map((p) => ({
        profile: p.profile,
        registered: p.outcome.registered,
        transport: p.outcome.transport,
        attempts: p.attempts.map((a) => [a.candidate.transport, a.candidate.address, a.step]),
      }));
    expect(view(replayed)).toEqual(view(report.profiles));
    const rfc = replayed.find((p) => p.profile === "rfc3263");
    expect(rfc?.outcome.transport === "tls").toBe(c.registersOverTls);
  });

  it("replays no phones from a stored resolution that is not a whole tree (an old or hostile agent's)", () => {
    for (const stored of [{ candidates: [] }, { target: { host: "example.com" }, candidates: [] }, null]) {
      expect(phonesOfRun(stored as unknown as SipResolution, [])).toEqual([]);
    }
  });
});
