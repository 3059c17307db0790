import { describe, expect, it } from "vitest";
import { failedRunSummary } from "../../history/summarise-run";
import { facts } from "../test-evidence";
import { edgeVsAgent } from "./edge-vs-agent";
import { runOf as run, summaryTarget as target } from "./test-runs";

describe("vantage.edge-vs-agent", () => {
  it.each([
    { name: "reachable everywhere", agent: [target("tls", "ok")], edge: [target("tls", "ok")], expected: [] },
    {
      name: "down everywhere is not a vantage problem",
      agent: [target("tls", "timeout")],
      edge: [target("tls", "refused")],
      expected: [],
    },
    {
      name: "inside only",
      agent: [target("tls", "ok", "10.0.0.5")],
      edge: [target("tls", "timeout")],
      expected: ["tls sip1.example.com:5061 agt_office inside"],
    },
    {
      name: "edge only",
      agent: [target("tls", "refused", "10.0.0.5")],
      edge: [target("tls", "ok")],
      expected: ["tls sip1.example.com:5061 agt_office edge"],
    },
    {
      name: "UDP the edge never probes says nothing",
      agent: [target("udp", "ok")],
      edge: [target("tls", "ok")],
      expected: [],
    },
    {
      name: "a target the edge skipped says nothing",
      agent: [target("tls", "ok", "10.0.0.5")],
      edge: [target("tls", "skipped-private", "10.0.0.5")],
      expected: [],
    },
  ])("$name", ({ agent, edge, expected }) => {
    const findings = edgeVsAgent([
      { vantageId: "region:weur", summary: run(...edge) },
      { vantageId: "agt_office", summary: run(...agent) },
    ]);
    expect(findings.map((f) => `${f.subject} ${facts(f)?.inside === "ok" ? "inside" : "edge"}`)).toEqual(expected);
  });

  it("counts the edge up when any region reaches the server, and ignores errored runs", () => {
    const findings = edgeVsAgent([
      { vantageId: "region:weur", summary: run(target("tls", "timeout")) },
      { vantageId: "region:apac", summary: run(target("tls", "ok")) },
      { vantageId: "region:enam", summary: failedRunSummary("resolver down") },
      { vantageId: "agt_office", summary: run(target("tls", "ok")) },
      { vantageId: "agt_branch", summary: failedRunSummary("no route") },
    ]);
    expect(findings).toEqual([]);
  });
});
