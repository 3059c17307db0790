import { readFileSync } from "node:fs";
import { type OutboundProxy, parseOutboundProxy } from "@sipwatch/core";

/** Everything `sipwatch agent` needs, from flags over environment over the config file. */
export interface AgentConfig {
  server: string;
  token: string;
  /** `--resolver` specs; empty means the system's resolvers. */
  resolvers: string[];
  stateDir: string;
  healthPort: number | null;
  healthHost: string;
  maxQueue: number;
  /** Overrides how often the job list is fetched (seconds); each monitor keeps its own audit interval. */
  intervalSeconds: number | null;
  probeTimeoutMs: number;
  dnsTimeoutMs: number;
  ca: string | null;
  lab: boolean;
  /**
   * Test-account passwords by monitor id, for monitors whose account is agent-held (the job
   * says `registration.source: "agent"`): they stay in this file and never reach the server.
   */
  passwords: ReadonlyMap<string, string>;
  /**
   * Outbound proxies by monitor id from this file (`"outboundProxy"` beside the password): the
   * proxy inside the customer's network the phones use, which overrides the monitor's own setting.
   */
  outboundProxies: ReadonlyMap<string, OutboundProxy>;
}

export interface AgentFlags {
  server?: string;
  token?: string;
  resolver?: string[];
  config?: string;
  "state-dir"?: string;
  "health-port"?: string;
  "health-host"?: string;
  "max-queue"?: string;
  interval?: string;
  "probe-timeout"?: string;
  timeout?: string;
  ca?: string;
  lab?: boolean;
}

export type ConfigResult = { ok: true; config: AgentConfig } | { ok: false; error: string };

const TOKEN_SHAPE = /^swa_[A-Za-z0-9_-]{43}$/;
const KEYS = new Set([
  "server",
  "token",
  "resolvers",
  "stateDir",
  "healthPort",
  "healthHost",
  "maxQueue",
  "intervalSeconds",
  "probeTimeoutMs",
  "dnsTimeoutMs",
  "ca",
  "lab",
  "credentials",
]);

/**
 * Flags win over the environment (SIPWATCH_SERVER, SIPWATCH_AGENT_TOKEN, SIPWATCH_RESOLVERS,
 * comma-separated), which wins over the JSON file named by --config (keys as in AgentConfig).
 * The token may live in the environment or the file, so it stays out of `ps` output.
 */
export function agentConfig(flags: AgentFlags, env: Record<string, string | undefined>): ConfigResult {
  let file: Record<string, unknown> = {};
  if (flags.config !== undefined) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(flags.config, "utf8"));
      if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("not a JSON object");
      file = parsed as Record<string, unknown>;
    } catch (error) {
      return { ok: false, error: `--config ${flags.config}: ${(error as Error).message}` };
    }
    const unknown = Object.keys(file).filter((k) => !KEYS.has(k));
    if (unknown.length > 0) return { ok: false, error: `--config ${flags.config}: unknown key ${unknown.join(", ")}` };
  }
  const str = (key: string) => (typeof file[key] === "string" ? (file[key] as string) : undefined);
  const num = (flag: string | undefined, key: string) =>
    flag !== undefined ? Number(flag) : typeof file[key] === "number" ? (file[key] as number) : undefined;

  const server = flags.server ?? env.SIPWATCH_SERVER ?? str("server");
  const token = flags.token ?? env.SIPWATCH_AGENT_TOKEN ?? str("token");
  if (!server) return { ok: false, error: "no server: pass --server <url> or set SIPWATCH_SERVER" };
  try {
    const url = new URL(server);
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error();
  } catch {
    return { ok: false, error: `--server ${server}: expected an http(s) URL` };
  }
  if (!token || !TOKEN_SHAPE.test(token)) {
    return {
      ok: false,
      error: "no agent token: pass --token swa_… or set SIPWATCH_AGENT_TOKEN (from POST /api/v1/agents)",
    };
  }
  const fileResolvers = Array.isArray(file.resolvers) ? file.resolvers.filter((r) => typeof r === "string") : [];
  const envResolvers = (env.SIPWATCH_RESOLVERS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const resolvers = flags.resolver?.length ? flags.resolver : envResolvers.length ? envResolvers : fileResolvers;

  const healthPort = num(flags["health-port"], "healthPort") ?? null;
  const maxQueue = num(flags["max-queue"], "maxQueue") ?? 10_000;
  const intervalSeconds = num(flags.interval, "intervalSeconds") ?? null;
  const probeTimeoutMs = num(flags["probe-timeout"], "probeTimeoutMs") ?? 4000;
  const dnsTimeoutMs = num(flags.timeout, "dnsTimeoutMs") ?? 2000;
  const checks: [boolean, string][] = [
    [
      healthPort === null || (Number.isInteger(healthPort) && healthPort >= 0 && healthPort <= 65535),
      "--health-port must be a port number",
    ],
    [Number.isInteger(maxQueue) && maxQueue >= 1 && maxQueue <= 1_000_000, "--max-queue must be between 1 and 1000000"],
    [
      intervalSeconds === null || (Number.isInteger(intervalSeconds) && intervalSeconds >= 1),
      "--interval must be whole seconds",
    ],
    [
      Number.isInteger(probeTimeoutMs) && probeTimeoutMs >= 100 && probeTimeoutMs <= 60_000,
      "--probe-timeout must be 100-60000 ms",
    ],
    [Number.isInteger(dnsTimeoutMs) && dnsTimeoutMs >= 50 && dnsTimeoutMs <= 60_000, "--timeout must be 50-60000 ms"],
  ];
  const failed = checks.find(([ok]) => !ok);
  if (failed) return { ok: false, error: failed[1] };

  const caFile = flags.ca ?? str("ca");
  let ca: string | null = null;
  if (caFile) {
    try {
      ca = readFileSync(caFile, "utf8");
    } catch (error) {
      return { ok: false, error: `--ca ${caFile}: ${(error as Error).message}` };
    }
  }
  const passwords = passwordsOf(file.credentials, flags.config);
  if (typeof passwords === "string") return { ok: false, error: passwords };
  const outboundProxies = outboundProxiesOf(file.credentials, flags.config);
  if (typeof outboundProxies === "string") return { ok: false, error: outboundProxies };
  return {
    ok: true,
    config: {
      passwords,
      outboundProxies,
      server,
      token,
      resolvers,
      stateDir: flags["state-dir"] ?? str("stateDir") ?? "./sipwatch-agent-state",
      healthPort,
      healthHost: flags["health-host"] ?? str("healthHost") ?? "127.0.0.1",
      maxQueue,
      intervalSeconds,
      probeTimeoutMs,
      dnsTimeoutMs,
      ca,
      lab: flags.lab ?? file.lab === true,
    },
  };
}

/**
 * `"credentials": { "mon_…": { "password": "…" } | { "passwordFile": "/etc/sipwatch/pbx.pw" } }`
 * (each may add `"outboundProxy": "sip:10.0.0.5;transport=tcp"`):
 * each agent-held test account's password, read once at start (a file's trailing newline dropped).
 */
function outboundProxiesOf(raw: unknown, configPath: string | undefined): Map<string, OutboundProxy> | string {
  const proxies = new Map<string, OutboundProxy>();
  if (typeof raw !== "object" || raw === null) return proxies;
  for (const [monitorId, entry] of Object.entries(raw)) {
    const value =
      typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>).outboundProxy : undefined;
    if (value === undefined) continue;
    const parsed =
      typeof value === "string" ? parseOutboundProxy(value) : { ok: false as const, error: "must be a string" };
    if (!parsed.ok) return `--config ${configPath}: credentials.${monitorId}.outboundProxy ${parsed.error}`;
    proxies.set(monitorId, parsed.proxy);
  }
  return proxies;
}

function passwordsOf(raw: unknown, configPath: string | undefined): Map<string, string> | string {
  const passwords = new Map<string, string>();
  if (raw === undefined) return passwords;
  const where = `--config ${configPath}: credentials`;
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return `${where} must be an object by monitor id`;
  for (const [monitorId, entry] of Object.entries(raw)) {
    const value = typeof entry === "object" && entry !== null ? (entry as Record<string, unknown>) : {};
    if (typeof value.password === "string" && value.password) passwords.set(monitorId, value.password);
    else if (typeof value.passwordFile === "string") {
      try {
        passwords.set(monitorId, readFileSync(value.passwordFile, "utf8").replace(/\r?\n$/, ""));
      } catch (error) {
        // The error names the file, never its content.
        return `${where}.${monitorId}.passwordFile: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`;
      }
    } else return `${where}.${monitorId} needs "password" or "passwordFile"`;
  }
  return passwords;
}
