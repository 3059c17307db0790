import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, signedUpWithToken } from "../api/accounts";
import { asAgent, createAgent, createMonitor, report } from "./agent-fixtures";

/** The runs stored for a monitor, as spans: vantage and run count. */
const runsOf = async (monitorId: string) =>
  (
    await env.DB.prepare(
      "SELECT s.vantage_id, coalesce(s.runs, v.span_runs) AS runs FROM state_span s LEFT JOIN vantage_state v ON v.span_id = s.id WHERE s.monitor_id = ? ORDER BY s.id",
    )
      .bind(monitorId)
      .all<{ vantage_id: string; runs: number }>()
  ).results;

describe("agents as private vantage points", () => {
  it("registers an agent, hands it jobs, stores its reports as runs of its own vantage", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    expect(agent.id).toMatch(/^agt_/);
    expect(agent.token).toMatch(/^swa_[A-Za-z0-9_-]{43}$/);

    const jobs = await asAgent(agent.token, "/agent/jobs");
    expect(jobs.status).toBe(200);
    expect(await jobs.json()).toMatchObject({
      jobs: [{ monitorId, target: "example.com", expectedTransports: expect.any(Array), slowMs: expect.any(Number) }],
    });
    const listed = (await (await api("/agents", { as: user })).json()) as { agents: Record<string, unknown>[] };
    expect(listed.agents).toEqual([
      expect.objectContaining({
        id: agent.id,
        name: "office",
        version: "0.1.0",
        revoked: false,
        lastSeenAt: expect.any(String),
      }),
    ]);

    const sent = await report(monitorId);
    const posted = await asAgent(agent.token, "/agent/reports", { reports: [sent] });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ results: [{ reportId: sent.reportId, status: "stored" }] });
    expect(await runsOf(monitorId)).toEqual([{ vantage_id: agent.id, runs: 1 }]);

    const view = (await (await api(`/monitors/${monitorId}/report`, { as: user })).json()) as {
      vantages: { vantageId: string; run: { summary: { status: string } }; dns: { recordSets: unknown[] } | null }[];
    };
    expect(view.vantages).toEqual([
      expect.objectContaining({ vantageId: agent.id, run: expect.objectContaining({ status: "ok" }) }),
    ]);
    expect(view.vantages[0]?.dns?.recordSets).toEqual(sent.recordSets);
  });

  it("stores a report sent twice once, and says duplicate", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    const sent = await report(monitorId);
    await asAgent(agent.token, "/agent/reports", { reports: [sent] });
    const again = await asAgent(agent.token, "/agent/reports", { reports: [sent, sent] });
    expect(await again.json()).toEqual({
      results: [
        { reportId: sent.reportId, status: "duplicate" },
        { reportId: sent.reportId, status: "duplicate" },
      ],
    });
    expect(await runsOf(monitorId)).toEqual([{ vantage_id: agent.id, runs: 1 }]);
  });

  it("stores a report sent twice at once only once", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    const sent = await report(monitorId);
    const answers = await Promise.all([1, 2].map(() => asAgent(agent.token, "/agent/reports", { reports: [sent] })));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const statuses = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { results: { status: string }[] }).results[0]?.status),
    );
    expect(statuses.sort()).toEqual(["duplicate", "stored"]);
    expect(await runsOf(monitorId)).toEqual([{ vantage_id: agent.id, runs: 1 }]);
  });

  it("rejects a report for another organisation's monitor and still stores the others", async () => {
    const mine = await signedUpWithToken();
    const theirs = await signedUpWithToken();
    const myMonitor = await createMonitor(mine);
    const theirMonitor = await createMonitor(theirs);
    const agent = await createAgent(mine);
    const good = await report(myMonitor);
    const foreign = await report(theirMonitor);
    const posted = await asAgent(agent.token, "/agent/reports", { reports: [foreign, good] });
    expect(await posted.json()).toEqual({
      results: [
        { reportId: foreign.reportId, status: "rejected", reason: `no monitor ${theirMonitor}` },
        { reportId: good.reportId, status: "stored" },
      ],
    });
    expect(await runsOf(theirMonitor)).toEqual([]);
    expect(await runsOf(myMonitor)).toHaveLength(1);
  });

  it("rejects a report whose hash does not cover its record sets", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    const sent = { ...(await report(monitorId)), hash: "0".repeat(64) };
    const posted = await asAgent(agent.token, "/agent/reports", { reports: [sent] });
    expect(await posted.json()).toEqual({
      results: [{ reportId: sent.reportId, status: "rejected", reason: "hash does not match recordSets" }],
    });
  });

  it("answers garbage with a 400 naming the field", async () => {
    const user = await signedUpWithToken();
    const monitorId = await createMonitor(user);
    const agent = await createAgent(user);
    const sent = await report(monitorId);
    const bad = await asAgent(agent.token, "/agent/reports", {
      reports: [{ ...sent, reportId: "not-a-uuid", summary: { ...sent.summary, status: "great" } }],
    });
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { code: string; errors: { field: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.errors.map((e) => e.field).sort()).toEqual(["reports.0.reportId", "reports.0.summary.status"]);
    expect((await asAgent(agent.token, "/agent/reports", { reports: [] })).status).toBe(400);
  });

  it("refuses a body over 1 MB", async () => {
    const user = await signedUpWithToken();
    const agent = await createAgent(user);
    const huge = await asAgent(agent.token, "/agent/reports", { reports: [], padding: "x".repeat(1024 * 1024 + 1) });
    expect(huge.status).toBe(413);
  });

  it("answers 401 to a revoked agent, API tokens and garbage on the agent routes", async () => {
    const user = await signedUpWithToken();
    const agent = await createAgent(user);
    expect((await asAgent(agent.token, "/agent/jobs")).status).toBe(200);
    expect((await api(`/agents/${agent.id}`, { method: "DELETE", as: user })).status).toBe(204);
    expect((await asAgent(agent.token, "/agent/jobs")).status).toBe(401);
    expect((await asAgent(user.token, "/agent/jobs")).status).toBe(401);
    expect((await asAgent("swa_nonsense", "/agent/jobs")).status).toBe(401);
    const listed = (await (await api("/agents", { as: user })).json()) as { agents: { revoked: boolean }[] };
    expect(listed.agents).toEqual([expect.objectContaining({ revoked: true })]);
  });

  it("keeps another organisation's agents out of sight (404 to revoke, absent from the list)", async () => {
    const mine = await signedUpWithToken();
    const theirs = await signedUpWithToken();
    const agent = await createAgent(theirs);
    expect((await api(`/agents/${agent.id}`, { method: "DELETE", as: mine })).status).toBe(404);
    expect(await (await api("/agents", { as: mine })).json()).toEqual({ agents: [] });
    expect((await asAgent(agent.token, "/agent/jobs")).status).toBe(200);
  });

  it("lets automation with an API token register an agent", async () => {
    const user = await signedUpWithToken();
    const agent = await createAgent({ token: user.token }, "branch");
    const listed = (await (await api("/agents", { as: { token: user.token } })).json()) as { agents: { id: string }[] };
    expect(listed.agents.map((a) => a.id)).toEqual([agent.id]);
  });

  it("lets an agent token do nothing else in the API", async () => {
    const user = await signedUpWithToken();
    const agent = await createAgent(user);
    expect((await asAgent(agent.token, "/monitors")).status).toBe(401);
    expect((await asAgent(agent.token, "/agents")).status).toBe(401);
  });
});
