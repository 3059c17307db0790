import { describe, expect, it } from "vitest";
import { groupFindings } from "./group-findings";
import type { Finding } from "./report-types";

const finding = (
  vantageId: string,
  findingId: string,
  severity: Finding["severity"],
  openedAt: number,
  subject = "sip1",
): Finding => ({
  vantageId,
  findingId,
  subject,
  severity,
  title: findingId,
  detail: "",
  fix: "",
  evidence: {},
  openedAt,
  lastSeenAt: null,
  resolvedAt: null,
});

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
