import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { AuditSettings } from "../../src/probing/audit-job";
import { runEdgeAudit } from "../../src/probing/edge-audit";
import { runTick } from "../../src/scheduled/run-scheduled";
import { lab } from "../fixtures";
import { countRows, insertMonitor, insertOrganisation, labServices } from "./seed";

const settings = (allowLoopback: boolean): AuditSettings => ({
  resolvers: [lab().dohUrl],
  extraCaPems: lab().liveCaPems,
  allowLoopback,
  probeTimeoutMs: 2000,
  deadlineMs: 10_000,
});
const job = (target: string) => ({ monitorId: "m", vantageId: "region:weur", target, slowMs: 1000 });

describe("the edge's SSRF guard", () => {
  it.each([
    { target: "sip:10.0.0.1;transport=tcp", outcome: "skipped-private" },
    { target: "sip:192.168.1.20:5060;transport=tcp", outcome: "skipped-private" },
    { target: "sips:[fd00::1]", outcome: "skipped-unique-local" },
    { target: "sip:169.254.169.254;transport=tcp", outcome: "skipped-link-local" },
  ])("does not probe $target even in the lab, and says why", async ({ target, outcome }) => {
    const result = await runEdgeAudit(job(target), settings(true));
    expect(result.summary.status).not.toBe("error");
    expect(result.summary.targets.map((t) => t.outcome)).toEqual([outcome]);
    expect(result.findings.map((f) => f.id)).toContain("edge.target.private");
    expect(result.findings.map((f) => f.id)).not.toContain("transport.tcp.unreachable");
  });

  it("probes loopback only with the lab switch", async () => {
    const target = `sip:127.0.0.1:${lab().sip.tcp};transport=tcp`;
    const production = await runEdgeAudit(job(target), settings(false));
    expect(production.summary.targets.map((t) => t.outcome)).toEqual(["skipped-loopback"]);
    const inLab = await runEdgeAudit(job(target), settings(true));
    expect(inLab.summary.targets.map((t) => [t.outcome, t.sipStatus])).toEqual([["ok", 200]]);
    expect(inLab.findings.map((f) => f.id)).not.toContain("edge.target.private");
  });

  it("stores a private target's run with the finding through the scheduler", async () => {
    const services = labServices();
    const org = await insertOrganisation(services);
    const monitor = await insertMonitor(services, org, { target: "sip:10.20.30.40;transport=tcp", regions: ["weur"] });
    await runTick(services, Date.UTC(2026, 10, 22, 11, 20));
    expect(await countRows("vantage_state", monitor)).toBe(1);
    const ids = await env.DB.prepare("SELECT finding_id FROM finding WHERE monitor_id = ?")
      .bind(monitor)
      .all<{ finding_id: string }>();
    expect(ids.results.map((r) => r.finding_id)).toContain("edge.target.private");
  });
});
