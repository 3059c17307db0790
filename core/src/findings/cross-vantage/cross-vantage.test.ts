import { describe, expect, it } from "vitest";
import { failedRunSummary } from "../../history/summarise-run";
import { facts } from "../test-evidence";
import { crossVantageFindings } from "./index";
import { runOf as run, summaryTarget } from "./test-runs";

const target = (address: string, outcome: string) => summaryTarget("tls", outcome, address);
const sets = (address: string, status = "answer") => [
  { name: "sip1.example.com", type: "A", data: address ? [address] : [], status },
];

describe("vantage.region-only", () => {
  it.each([
    {
      name: "works everywhere",
      runs: [
        ["weur", "ok"],
        ["apac", "ok"],
      ],
      expected: [],
    },
    {
      name: "fails everywhere: not regional",
      runs: [
        ["weur", "timeout"],
        ["apac", "timeout"],
      ],
      expected: [],
    },
    {
      name: "fails in apac only",
      runs: [
        ["weur", "ok"],
        ["apac", "timeout"],
      ],
      expected: ["vantage.region-only tls sip1.example.com:5061"],
    },
    {
      name: "skipped in apac says nothing",
      runs: [
        ["weur", "ok"],
        ["apac", "skipped-private"],
      ],
      expected: [],
    },
  ])("$name", ({ runs, expected }) => {
    const views = runs.map(([region, outcome]) => ({
      vantageId: `region:${region}`,
      summary: run(target("192.0.2.1", outcome as string)),
    }));
    const findings = crossVantageFindings(views, []);
    for (const finding of findings) facts(finding);
    expect(findings.map((f) => `${f.id} ${f.subject}`)).toEqual(expected);
  });

  it("ignores regions whose run errored, and counts a server up when one address answers", () => {
    const views = [
      { vantageId: "region:weur", summary: run(target("192.0.2.1", "ok")) },
      { vantageId: "region:enam", summary: failedRunSummary("resolver down") },
      { vantageId: "region:apac", summary: run(target("192.0.2.1", "timeout"), target("192.0.2.2", "ok")) },
    ];
    expect(crossVantageFindings(views, [])).toEqual([]);
  });
});

describe("dns.resolver.disagree across regions", () => {
  it.each([
    { name: "same answers", views: [sets("192.0.2.1"), sets("192.0.2.1")], expected: 1 - 1 },
    { name: "different answers", views: [sets("192.0.2.1"), sets("192.0.2.9")], expected: 1 },
    { name: "a timeout is no opinion", views: [sets("192.0.2.1"), sets("", "error")], expected: 0 },
    { name: "NXDOMAIN in one region", views: [sets("192.0.2.1"), sets("", "nxdomain")], expected: 1 },
  ])("$name", ({ views, expected }) => {
    const findings = crossVantageFindings(
      [],
      views.map((recordSets, i) => ({ vantageId: `region:r${i}`, recordSets })),
    );
    for (const finding of findings) facts(finding);
    expect(findings.filter((f) => f.id === "dns.resolver.disagree" && f.subject === "sip1.example.com A")).toHaveLength(
      expected,
    );
  });
});
