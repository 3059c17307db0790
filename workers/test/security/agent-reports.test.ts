import { findings } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import { asAgent, createAgent, createMonitor, historyDbOfMonitor, report } from "../agent/agent-fixtures";
import { api, signedUpWithToken } from "../api/accounts";
import { expectProblem, withNothingStored } from "./stored";

/**
 * An agent token lives on a customer's machine and can leak: each attack sends reports meant to
 * break the monitor's pages, bury its history, or learn about other organisations.
 */
const owner = await signedUpWithToken("Agent Owner");
const agent = await createAgent(owner);
const monitorId = await createMonitor(owner);

const finding = (evidence: Record<string, unknown>) => ({
  id: "transport.udp.no-response",
  severity: "critical" as const,
  title: "UDP is silent",
  detail: "No answer over UDP.",
  fix: "Open UDP 5060.",
  subject: "udp sip.example.com:5060",
  evidence,
});

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 0; i < depth; i++) value = { inner: value };
  return value;
}

const post = async (reports: unknown[]) => asAgent(agent.token, "/agent/reports", { reports });

describe("agent reports are bounded", () => {
  it.each([
    ["nested 10,000 levels deep", nested(10_000), "nested deeper than 8 levels"],
    ["with a 100,000-character string", { text: "x".repeat(100_000) }, "string longer than 4000"],
    ["with a 10,000-item array", { list: Array.from({ length: 10_000 }, (_, i) => i) }, "array longer than 200"],
    ["with 1,000 keys", Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i])), "more than 50 keys"],
  ])("refuses evidence %s, storing nothing", async (_, evidence, message) => {
    const sent = { ...(await report(monitorId)), findings: [finding(evidence)] };
    const response = await withNothingStored(() => post([sent]));
    const problem = await expectProblem(response, 400, "validation_failed");
    expect(problem.errors).toEqual([
      { field: "reports.0.findings.0.evidence", message: expect.stringContaining(message) },
    ]);
  });

  // The tree is checked against core's resolution schema, which never walks keys it does not
  // know: a 10,000-deep object is refused for what it lacks, in bounded time.
  it("refuses a discovery tree nested 10,000 levels deep", async () => {
    const sent = { ...(await report(monitorId)), resolution: nested(10_000) };
    const response = await withNothingStored(() => post([sent]));
    const problem = await expectProblem(response, 400, "validation_failed");
    const fields = (problem.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toContain("reports.0.resolution.target");
    expect(fields.every((f) => f.startsWith("reports.0.resolution."))).toBe(true);
  });

  it("rejects a report dated 1970 with a reason, storing nothing", async () => {
    const sent = { ...(await report(monitorId)), startedAt: 0 };
    const response = await withNothingStored(() => post([sent]));
    expect(await response.json()).toEqual({
      results: [{ reportId: sent.reportId, status: "rejected", reason: expect.stringContaining("retention window") }],
    });
  });

  it("rejects a report from minutes ahead of the server's clock, which would become the latest run", async () => {
    const sent = { ...(await report(monitorId)), startedAt: Date.now() + 10 * 60_000 };
    const response = await withNothingStored(() => post([sent]));
    expect(await response.json()).toEqual({
      results: [{ reportId: sent.reportId, status: "rejected", reason: expect.stringContaining("in the future") }],
    });
  });

  it("keeps report ids apart per organisation: another organisation's id is not a duplicate here", async () => {
    const sent = await report(monitorId);
    expect(await (await post([sent])).json()).toMatchObject({ results: [{ status: "stored" }] });

    const other = await signedUpWithToken("Other Org");
    const otherAgent = await createAgent(other);
    const otherMonitor = await createMonitor(other);
    const reused = { ...(await report(otherMonitor)), reportId: sent.reportId };
    const answer = await asAgent(otherAgent.token, "/agent/reports", { reports: [reused] });
    expect(await answer.json()).toEqual({ results: [{ reportId: sent.reportId, status: "stored" }] });
    // And the first organisation's own resend is still its duplicate.
    expect(await (await post([sent])).json()).toMatchObject({ results: [{ status: "duplicate" }] });
  });

  it("stores a report whose finding has another id's evidence without that finding, and says so", async () => {
    const silent = {
      transport: "udp",
      host: "sip.example.com",
      port: 5060,
      silent: [{ address: "10.0.0.5", outcome: "timeout" }],
      probedAddresses: ["10.0.0.5"],
    };
    const sent = {
      ...(await report(monitorId)),
      // The second claims to be a UDP silence but carries a certificate's evidence.
      findings: [finding(silent), { ...finding({ served: [], now: "2026-01-01" }), subject: "udp other:5060" }],
    };
    expect(await (await post([sent])).json()).toEqual({
      results: [
        {
          reportId: sent.reportId,
          status: "stored",
          notes: [expect.stringMatching(/^findings\[1\] \(transport\.udp\.no-response\) dropped: evidence\./)],
        },
      ],
    });
    const stored = (await (await api(`/monitors/${monitorId}/report`, { as: owner })).json()) as {
      vantages: { findings: { subject: string; evidence: unknown }[] }[];
    };
    expect(stored.vantages.flatMap((v) => v.findings.map((f) => [f.subject, f.evidence]))).toEqual([
      ["udp sip.example.com:5060", silent],
    ]);
  });

  it("leaves out of the report a finding stored before evidence was checked, instead of failing", async () => {
    expect(await (await post([await report(monitorId)])).json()).toMatchObject({ results: [{ status: "stored" }] });
    const before = (await (await api(`/monitors/${monitorId}/report`, { as: owner })).json()) as {
      vantages: { vantageId: string; findings: unknown[] }[];
    };
    const vantageId = before.vantages[0]?.vantageId ?? "";
    expect(vantageId).not.toBe("");
    // A row an older agent got stored: an id the registry knows, evidence of no known shape.
    await (await historyDbOfMonitor(monitorId, { write: true })).insert(findings).values({
      monitorId,
      vantageId,
      findingId: "dns.srv.target-cname",
      subject: "old.example.com",
      severity: "warning",
      title: "An old finding",
      detail: "d",
      fix: "f",
      evidence: { anything: { goes: [1, 2, 3] } },
      openedAt: Date.now() - 60_000,
    });
    const reportAnswer = await api(`/monitors/${monitorId}/report`, { as: owner });
    expect(reportAnswer.status).toBe(200);
    const after = (await reportAnswer.json()) as typeof before;
    expect(after.vantages.find((v) => v.vantageId === vantageId)?.findings).toEqual(
      before.vantages.find((v) => v.vantageId === vantageId)?.findings,
    );
    const timeline = await api(`/monitors/${monitorId}/history/findings`, { as: owner });
    expect(timeline.status).toBe(200);
    const listed = (await timeline.json()) as { findings: { subject: string }[] };
    expect(listed.findings.map((f) => f.subject)).not.toContain("old.example.com");
  });
});
