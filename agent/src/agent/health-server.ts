import { createServer, type Server } from "node:http";
import type { AgentStatus } from "./agent-runner";

/** Unhealthy when the server has not answered for this long: the agent is up but blind. */
const CONTACT_STALE_MS = 10 * 60_000;

/**
 * GET /healthz for systemd, Docker and Kubernetes probes: 200 while the agent has reached the
 * server recently (or is still starting), 503 otherwise; the body says why either way.
 */
export async function startHealthServer(
  port: number,
  host: string,
  status: () => AgentStatus,
): Promise<{ port: number; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (request.method !== "GET" || request.url !== "/healthz") {
      response.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    const s = status();
    const since = s.lastContactAt ?? s.startedAt;
    const healthy = Date.now() - since < CONTACT_STALE_MS;
    response
      .writeHead(healthy ? 200 : 503, { "content-type": "application/json" })
      .end(`${JSON.stringify({ status: healthy ? "ok" : "server-unreachable", ...s })}\n`);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
