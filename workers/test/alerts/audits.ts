import type { Finding, RunSummary } from "@sipwatch/core";
import type { AuditResult } from "../../src/probing/audit-job";

export const srvTargetBroken: Finding = {
  id: "dns.srv.target-unresolvable",
  severity: "critical",
  title: "SRV target sip2.example.com has no address",
  detail: "Clients that pick it fail",
  fix: "Add an A record for sip2.example.com or remove the SRV record",
  subject: "sip2.example.com",
  evidence: { srv: ["_sip._udp.example.com SRV 10 10 5060 sip2.example.com"], a: "nxdomain", aaaa: "nxdomain" },
};

/** One region's audit of a monitor as the probers hand it back; critical with the broken SRV target. */
export function regionAudit(monitorId: string, vantageId: string, failing: boolean, startedAt: number): AuditResult {
  const findings = failing ? [srvTargetBroken] : [];
  const summary: RunSummary = {
    v: 1,
    status: failing ? "critical" : "ok",
    transports: {},
    targets: [],
    profiles: [],
    certDaysLeft: null,
    findings: { critical: findings.length, warning: 0, info: 0 },
  };
  return {
    monitorId,
    vantageId,
    startedAt,
    durationMs: 100,
    summary,
    recordSets: null,
    hash: null,
    resolution: null,
    findings,
  };
}

/** A round from these regions: F fails, P passes ("FPP" is weur failing, enam and apac passing). */
export function regionRound(monitorId: string, verdicts: string, startedAt: number): AuditResult[] {
  const regions = ["weur", "enam", "apac"];
  return [...verdicts].map((v, i) => regionAudit(monitorId, `region:${regions[i]}`, v === "F", startedAt));
}
