import { describe, expect, it } from "vitest";
import { groupFindings } from "./group-findings";
import type { Finding } from "./report-types";

// Evidence of each id's own shape, as the API document types it.
const endpoint = { transport: "tls" as const, host: "sip1", port: 5061 };
const evidence = {
  "dns.resolver.disagree": { question: { name: "sip1", type: "A" }, answers: {} },
  "dns.srv.single-target": { srv: [] },
  "tls.cert.expired": { ...endpoint, now: "2026-01-01T00:00:00Z", served: [] },
};

const finding = (
  vantageId: string,
  findingId: keyof typeof evidence,
  severity: Finding["severity"],
  openedAt: number,
  subject = "sip1",
): Finding => {
  const text = {
    vantageId,
    subject,
    severity,
    title: findingId,
    detail: "",
    fix: "",
    openedAt,
    lastSeenAt: null,
    resolvedAt: null,
  };
  if (findingId === "tls.cert.expired") return { ...text, findingId, evidence: evidence[findingId] };
  if (findingId === "dns.srv.single-target") return { ...text, findingId, evidence: evidence[findingId] };
  return { ...text, findingId, evidence: evidence[findingId] };
};

describe("groupFindings", () => {
  it("shows a finding seen from several vantages once, worst first, naming the vantages", () => {
    const groups = groupFindings([
      finding("region:enam", "dns.srv.single-target", "info", 5),
      finding("region:enam", "tls.cert.expired", "critical", 9),
      finding("region:weur", "tls.cert.expired", "critical", 7),
      finding("cross", "dns.resolver.disagree", "warning", 8),
      finding("region:weur", "tls.cert.expired", "critical", 7, "sip2"),
    ]);
    expect(groups.map((g) => [g.finding.findingId, g.finding.subject, g.vantageIds, g.openedAt])).toEqual([
      ["tls.cert.expired", "sip1", ["region:enam", "region:weur"], 7],
      ["tls.cert.expired", "sip2", ["region:weur"], 7],
      ["dns.resolver.disagree", "sip1", ["cross"], 8],
      ["dns.srv.single-target", "sip1", ["region:enam"], 5],
    ]);
  });
});
