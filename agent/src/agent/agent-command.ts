import { type CliIo, EXIT } from "../cli/io";
import { resolversFromSpecs } from "../cli/resolver-spec";
import { auditJob } from "./agent-audit";
import { type AgentConfig, type AgentFlags, agentConfig } from "./agent-config";
import { lineLog } from "./agent-log";
import { AgentRunner } from "./agent-runner";
import { startHealthServer } from "./health-server";
import { ReportQueue } from "./report-queue";
import { ServerClient } from "./server-client";

export interface RunningAgent {
  runner: AgentRunner;
  healthPort: number | null;
  /** Stops the loop (reports already queued stay on disk) and the health endpoint. */
  stop(): Promise<void>;
  /** Resolves when the loop ends. */
  done: Promise<void>;
}

/** Builds and starts the agent from a parsed config; the tests drive it through this. */
export async function startAgent(config: AgentConfig, io: CliIo, version: string): Promise<RunningAgent | string> {
  const choice = resolversFromSpecs(config.resolvers, config.dnsTimeoutMs);
  if (!choice.ok) return choice.error;
  const log = lineLog(io.stderr);
  const runner = new AgentRunner({
    client: new ServerClient(config.server, config.token, version),
    queue: new ReportQueue(config.stateDir, config.maxQueue),
    log,
    ...(config.intervalSeconds === null ? {} : { intervalMs: config.intervalSeconds * 1000 }),
    audit: (job) =>
      auditJob(job, {
        resolvers: choice.resolvers,
        probeTimeoutMs: config.probeTimeoutMs,
        // Three dependent round trips, each with its retries, plus slack (as `sipwatch check`).
        dnsDeadlineMs: config.dnsTimeoutMs * 8 + 1000,
        lab: config.lab,
        passwords: config.passwords,
        outboundProxies: config.outboundProxies,
        ...(config.ca ? { ca: config.ca } : {}),
      }),
  });
  const health =
    config.healthPort === null
      ? null
      : await startHealthServer(config.healthPort, config.healthHost, () => runner.status);
  if (health) log("info", "health-listening", { url: `http://${config.healthHost}:${health.port}/healthz` });
  const done = runner.start();
  return {
    runner,
    healthPort: health?.port ?? null,
    done,
    stop: async () => {
      await runner.stop();
      await health?.close();
    },
  };
}

/** `sipwatch agent`: runs until SIGINT or SIGTERM, then stops cleanly (the queue stays on disk). */
export async function agentCommand(flags: AgentFlags, io: CliIo, version: string): Promise<number> {
  const parsed = agentConfig(flags, process.env);
  if (!parsed.ok) {
    io.stderr(`sipwatch: ${parsed.error}\n`);
    return EXIT.usage;
  }
  let agent: RunningAgent | string;
  try {
    agent = await startAgent(parsed.config, io, version);
  } catch (error) {
    io.stderr(`sipwatch: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (typeof agent === "string") {
    io.stderr(`sipwatch: ${agent}\n`);
    return EXIT.usage;
  }
  const running = agent;
  const stop = () => void running.stop();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  await running.done;
  return EXIT.clean;
}
