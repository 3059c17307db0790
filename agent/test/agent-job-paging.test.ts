import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failedAuditOutcome } from "@sipwatch/core";
import { afterEach, describe, expect, it } from "vitest";
import { AgentRunner } from "../src/agent/agent-runner";
import type { AgentJob } from "../src/agent/protocol";
import { ReportQueue } from "../src/agent/report-queue";
import { ServerClient } from "../src/agent/server-client";
import { capturedLog, waitFor } from "./agent-lab";
import { type FakeAgentServer, startFakeAgentServer } from "./fake-agent-server";

let server: FakeAgentServer;
afterEach(async () => {
  await server?.close();
});

const job = (monitorId: string, intervalSeconds: number): AgentJob => ({
  monitorId,
  target: `${monitorId.replace("_", "-")}.example.com`,
  expectedTransports: [],
  slowMs: 1000,
  intervalSeconds,
  phaseSeconds: 0,
});

/** A runner whose audits only record when each monitor ran: this file is about when, not what. */
function scheduledRunner(pollMs: number) {
  const starts = new Map<string, number[]>();
  const { log, lines } = capturedLog();
  const runner = new AgentRunner({
    client: new ServerClient(server.url, server.token, "test"),
    queue: new ReportQueue(mkdtempSync(join(tmpdir(), "sipwatch-agent-")), 1000),
    log,
    intervalMs: pollMs,
    minJobIntervalMs: 10,
    backoff: { baseMs: 20, maxMs: 200 },
    audit: async (j) => {
      const startedAt = Date.now();
      starts.set(j.monitorId, [...(starts.get(j.monitorId) ?? []), startedAt]);
      return { reportId: crypto.randomUUID(), monitorId: j.monitorId, startedAt, ...failedAuditOutcome("", startedAt) };
    },
  });
  return { runner, starts, lines };
}

describe("the agent's job list: every page, each monitor at its own interval", () => {
  it("fetches every page and audits each monitor when due, not every poll", async () => {
    server = await startFakeAgentServer();
    server.pageSize = 2;
    // Five monitors over three pages: one every 0.5 s, the others hourly.
    server.jobs = [job("mon_a", 3600), job("mon_b", 3600), job("mon_c", 3600), job("mon_d", 3600), job("mon_e", 0.5)];
    const { runner, starts } = scheduledRunner(100);
    void runner.start();
    await waitFor(() => (starts.get("mon_e")?.length ?? 0) >= 4);
    await runner.stop();

    // Pages were followed with the cursor the server gave, and the page size the agent asked for.
    const cursors = server.jobRequests.slice(0, 3).map((q) => q.get("cursor"));
    expect(cursors).toEqual([null, "mon_b", "mon_d"]);
    expect(server.jobRequests[0]?.get("limit")).toBe("500");
    // Polled many times (every 100 ms), yet each hourly monitor ran once...
    expect(server.jobRequests.length).toBeGreaterThan(3 * 4);
    for (const id of ["mon_a", "mon_b", "mon_c", "mon_d"]) expect(starts.get(id), id).toHaveLength(1);
    // ...and the fast one at most once per 500 ms slot (slots are where t % 500 == 0, phase 0).
    // A run may start late when the machine is busy, so gaps are not all 500 ms; but the first
    // run stands for the next slot, so the second is a whole interval after it.
    const fast = starts.get("mon_e") ?? [];
    const slots = fast.map((t) => Math.floor(t / 500));
    for (const [i, slot] of slots.slice(1).entries()) expect(slot).toBeGreaterThan(slots[i] as number);
    expect((fast[1] as number) - (fast[0] as number)).toBeGreaterThanOrEqual(495);
    expect(Math.max(...fast.slice(1).map((t, i) => t - (fast[i] as number)))).toBeLessThan(1500);
    expect(runner.status.audits).toBe(4 + fast.length);
  });

  it("keeps the last complete list when a page breaks, and stops auditing a monitor the server drops", async () => {
    server = await startFakeAgentServer();
    server.pageSize = 1;
    server.jobs = [job("mon_a", 0.3), job("mon_b", 0.3)];
    const { runner, starts, lines } = scheduledRunner(100);
    void runner.start();
    await waitFor(() => (starts.get("mon_b")?.length ?? 0) >= 2);

    // A server repeating the same page under the same cursor: an error, not an endless loop.
    server.jobsBody = JSON.stringify({ jobs: [job("mon_a", 0.3)], intervalSeconds: 60, nextCursor: "mon_a" });
    await waitFor(() => lines.some((l) => l.includes("does not move on")));
    const during = starts.get("mon_b")?.length ?? 0;
    await waitFor(() => (starts.get("mon_b")?.length ?? 0) > during);

    server.jobsBody = null;
    server.jobs = [job("mon_a", 0.3)];
    const polls = server.jobRequests.length;
    await waitFor(() => server.jobRequests.length > polls + 1);
    const dropped = starts.get("mon_b")?.length ?? 0;
    const aRuns = starts.get("mon_a")?.length ?? 0;
    await waitFor(() => (starts.get("mon_a")?.length ?? 0) >= aRuns + 3);
    await runner.stop();
    expect(starts.get("mon_b")).toHaveLength(dropped);
    expect(runner.status.jobs).toBe(1);
  });

  it("refuses a job list that never ends", async () => {
    server = await startFakeAgentServer();
    let n = 0;
    // Every page a new cursor and the same job: without the page bound this would run forever.
    Object.defineProperty(server, "jobsBody", {
      get: () => JSON.stringify({ jobs: [job("mon_a", 60)], intervalSeconds: 60, nextCursor: `mon_${++n}` }),
    });
    const { runner, lines } = scheduledRunner(60_000);
    void runner.start();
    await waitFor(() => lines.some((l) => l.startsWith("error jobs-failed") && l.includes("more than 100 pages")));
    await runner.stop();
    expect(runner.status.jobs).toBe(0);
  });
});
