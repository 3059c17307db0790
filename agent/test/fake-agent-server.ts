import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AgentJob, AgentReport } from "../src/agent/protocol";

/**
 * A small server that speaks the agent protocol (GET /api/v1/agent/jobs, POST
 * /api/v1/agent/reports) with the Worker's idempotency: a report id is stored once, later
 * copies are acknowledged as duplicates. Faults are switched on per test.
 */
export interface FakeAgentServer {
  url: string;
  token: string;
  jobs: AgentJob[];
  /** Replaces the jobs answer's body (garbage tests). */
  jobsBody: string | null;
  /** Jobs per page, as the Worker pages them: the cursor is the last monitor id of a page. */
  pageSize: number;
  /** The query string of every jobs request, in order. */
  jobRequests: URLSearchParams[];
  /** The next N report requests answer 500 without storing. */
  failReports: number;
  /** The next N report requests store, then answer 500 (the acknowledgement is lost). */
  storeThenFail: number;
  /** A batch holding a report this says yes to is refused as a whole with a 400, as zod would. */
  refuse: (report: AgentReport) => boolean;
  stored: Map<string, AgentReport>;
  /** How many requests carried each report id. */
  received: Map<string, number>;
  reportRequests: number;
  close(): Promise<void>;
}

export const AGENT_TOKEN = `swa_${"A".repeat(43)}`;

async function body(request: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of request) text += chunk;
  return text;
}

export async function startFakeAgentServer(): Promise<FakeAgentServer> {
  const state = {
    jobs: [] as AgentJob[],
    jobsBody: null as string | null,
    pageSize: 100,
    jobRequests: [] as URLSearchParams[],
    failReports: 0,
    storeThenFail: 0,
    refuse: (_report: AgentReport) => false,
    stored: new Map<string, AgentReport>(),
    received: new Map<string, number>(),
    reportRequests: 0,
  };
  const server: Server = createServer(async (request, response) => {
    const json = (status: number, value: unknown) =>
      response.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
    if (request.headers.authorization !== `Bearer ${AGENT_TOKEN}`) return json(401, { code: "unauthenticated" });
    const url = new URL(request.url ?? "/", "http://fake");
    if (request.method === "GET" && url.pathname === "/api/v1/agent/jobs") {
      state.jobRequests.push(url.searchParams);
      if (state.jobsBody !== null) return response.writeHead(200).end(state.jobsBody);
      const limit = Math.min(Number(url.searchParams.get("limit") ?? 100), state.pageSize);
      const cursor = url.searchParams.get("cursor");
      const sorted = [...state.jobs].sort((a, b) => (a.monitorId < b.monitorId ? -1 : 1));
      const rest = cursor === null ? sorted : sorted.filter((j) => j.monitorId > cursor);
      const page = rest.slice(0, limit);
      const nextCursor = rest.length > limit ? (page.at(-1)?.monitorId ?? null) : null;
      return json(200, { jobs: page, intervalSeconds: 60, nextCursor });
    }
    if (request.method === "POST" && request.url === "/api/v1/agent/reports") {
      const { reports } = JSON.parse(await body(request)) as { reports: AgentReport[] };
      state.reportRequests++;
      for (const r of reports) state.received.set(r.reportId, (state.received.get(r.reportId) ?? 0) + 1);
      if (reports.some((r) => state.refuse(r))) return json(400, { code: "validation_failed" });
      if (state.failReports > 0) {
        state.failReports--;
        return json(500, { code: "internal" });
      }
      const results = reports.map((r) => {
        if (state.stored.has(r.reportId)) return { reportId: r.reportId, status: "duplicate" };
        state.stored.set(r.reportId, r);
        return { reportId: r.reportId, status: "stored" };
      });
      if (state.storeThenFail > 0) {
        state.storeThenFail--;
        return json(500, { code: "internal" });
      }
      return json(200, { results });
    }
    return json(404, { code: "not_found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    token: AGENT_TOKEN,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
