import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { type OutboundProxy, parseOutboundProxy, type RegisterCredentials } from "@sipwatch/core";
import { agentCommand } from "../agent/agent-command";
import { checkCommand } from "./check-command";
import { type CliIo, EXIT } from "./io";

export const VERSION = "0.1.0";

const USAGE = `Usage: sipwatch check <domain|sip-uri> [--resolver <ip[:port]|https-url>]... [--authoritative]
                      [--no-probe] [--ca <file>] [--json] [--timeout <ms>]
                      [--user <user[@domain]> [--auth-user <name>] [--password-file <file>]]
       sipwatch agent --server <url> --token <swa_…> [--resolver <spec>]... [--state-dir <dir>]
                      [--health-port <port>] [--config <file.json>] [--interval <s>] [--max-queue <n>]
       sipwatch export --api <url> > monitors.yaml
       sipwatch apply <monitors.yaml> --api <url> [--dry-run] [--prune] [--verbose]

Audits how SIP phones discover a domain (RFC 3263: NAPTR -> SRV -> A/AAAA), probes every
target they may use (TCP, TLS and its certificate, SIP OPTIONS over UDP, TCP, TLS, WS, WSS),
and says what each kind of phone will do, with findings and fixes.

  --resolver   DNS server to ask: an IP with optional port (UDP, TCP when truncated) or a
               DoH URL. Repeat it to compare resolvers. Default: the system's resolvers.
  --authoritative
               also ask each of the zone's name servers directly (port 53, or
               --authoritative-port) and compare their serials and answers
  --no-probe   DNS only: do not connect to the targets
  --probe-timeout
               per-probe timeout in ms (default 4000)
  --ca <file>  PEM file of extra trust anchors for the certificate check (a private CA)
  --lab        development: the local lab's servers listen on loopback, so loopback
               answers are not reported as leaked private addresses
  --user       register this test account on every reachable UDP, TCP and TLS target,
               then remove the binding; the password comes from --password-file (first
               line) or SIPWATCH_PASSWORD, never from the command line, and is never printed
  --auth-user  digest user name when it differs from --user
  --outbound-proxy <host[:port] | sip:host[:port];transport=udp|tcp|tls>
               register through this proxy, as phones set up with it do: REGISTER goes
               to the proxy with a Route naming it, once per transport (or the one given)
  --json       print the machine-readable report
  --timeout    per-query timeout in ms (default 2000)

agent: runs as a private vantage point inside your network: fetches the organisation's
monitors from the server, audits them like check (UDP included, the system's resolvers unless
--resolver or SIPWATCH_RESOLVERS says otherwise), queues each report on disk under --state-dir
and sends it. Environment: SIPWATCH_SERVER, SIPWATCH_AGENT_TOKEN, SIPWATCH_RESOLVERS.
  --health-port  serve GET /healthz on this port (--health-host, default 127.0.0.1)
  --interval     fetch the job list every <s> seconds (default: the server's, 60); each
                 monitor is audited at its own interval

export, apply: monitors as code. export writes the organisation's monitors (with their
maintenance windows still to come) and alert channels as YAML; apply prints the plan
(+ create, ~ update, - delete, unchanged counted) and makes the server match the file.
Monitors and channels are matched by name; a field the file leaves out is left as it is.
apply never deletes unless --prune: then monitors (and, if the file has a channels list,
channels) the file does not name are deleted. Secrets may be \${ENV_VAR} references.
The token comes from SIPWATCH_TOKEN (or --token), the server from --api or SIPWATCH_API.
Editors validate the file with the JSON Schema at <api>/api/v1/monitors-file.schema.json.
  --dry-run    print the plan only

Exit codes: 0 clean, 1 warnings, 2 critical findings, 3 usage or resolver error.
`;

/** Runs the CLI and returns its exit code; `bin/sipwatch.mjs` passes process.argv and exits with it. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    io.stderr(`sipwatch: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`sipwatch ${VERSION}\n`);
    return EXIT.clean;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help") {
    (command === undefined && !values.help ? io.stderr : io.stdout)(USAGE);
    return command === undefined && !values.help ? EXIT.usage : EXIT.clean;
  }
  if (command === "agent") {
    if (rest.length > 0) {
      io.stderr("sipwatch: agent takes no positional arguments\n");
      return EXIT.usage;
    }
    return agentCommand(values, io, VERSION);
  }
  if (command === "export") {
    if (rest.length > 0) {
      io.stderr("sipwatch: export takes no positional arguments (it writes to stdout)\n");
      return EXIT.usage;
    }
    // Loaded on use: check and agent start without the YAML parser and the file's schema.
    const { exportCommand } = await import("../monitors/monitors-commands");
    return exportCommand(values, io);
  }
  if (command === "apply") {
    if (rest.length !== 1) {
      io.stderr("sipwatch: apply takes exactly one file (sipwatch apply monitors.yaml)\n");
      return EXIT.usage;
    }
    const { applyCommand } = await import("../monitors/monitors-commands");
    return applyCommand(rest[0] as string, values, io);
  }
  if (command !== "check") {
    io.stderr(`sipwatch: unknown command "${command}" (try: sipwatch check <domain>)\n`);
    return EXIT.usage;
  }
  if (rest.length !== 1) {
    io.stderr("sipwatch: check takes exactly one domain or SIP URI\n");
    return EXIT.usage;
  }
  const timeoutMs = Number(values.timeout ?? 2000);
  if (!Number.isInteger(timeoutMs) || timeoutMs < 50 || timeoutMs > 60_000) {
    io.stderr("sipwatch: --timeout must be a whole number of ms between 50 and 60000\n");
    return EXIT.usage;
  }
  const authoritativePort = values["authoritative-port"] === undefined ? 53 : Number(values["authoritative-port"]);
  if (!Number.isInteger(authoritativePort) || authoritativePort < 1 || authoritativePort > 65535) {
    io.stderr("sipwatch: --authoritative-port must be a port number\n");
    return EXIT.usage;
  }
  const authoritative = values.authoritative || values["authoritative-port"] !== undefined;
  const probeTimeoutMs = Number(values["probe-timeout"] ?? 4000);
  if (!Number.isInteger(probeTimeoutMs) || probeTimeoutMs < 100 || probeTimeoutMs > 60_000) {
    io.stderr("sipwatch: --probe-timeout must be a whole number of ms between 100 and 60000\n");
    return EXIT.usage;
  }
  let ca: string | undefined;
  if (values.ca !== undefined) {
    try {
      ca = readFileSync(values.ca, "utf8");
    } catch (error) {
      io.stderr(`sipwatch: --ca ${values.ca}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
  }
  const register = registerAccount(values);
  if (!register.ok) {
    io.stderr(`sipwatch: ${register.error}\n`);
    return EXIT.usage;
  }
  if (register.credentials && values["no-probe"]) {
    io.stderr("sipwatch: --user needs the probes (drop --no-probe)\n");
    return EXIT.usage;
  }
  return checkCommand(
    {
      target: rest[0] as string,
      resolvers: values.resolver ?? [],
      json: values.json ?? false,
      timeoutMs,
      // Three dependent round trips, each with its retries, plus slack.
      deadlineMs: timeoutMs * 8 + 1000,
      ...(authoritative ? { authoritativePort } : {}),
      ...(values["no-probe"] ? {} : { probe: { timeoutMs: probeTimeoutMs, ...(ca ? { ca } : {}) } }),
      lab: values.lab ?? false,
      ...(register.credentials ? { credentials: register.credentials } : {}),
      ...(register.outboundProxy ? { outboundProxy: register.outboundProxy } : {}),
    },
    io,
  );
}

/** --user, --auth-user and the password from --password-file or SIPWATCH_PASSWORD; errors never quote the password. */
function registerAccount(
  values: ReturnType<typeof parse>["values"],
): { ok: true; credentials?: RegisterCredentials; outboundProxy?: OutboundProxy } | { ok: false; error: string } {
  const user = values.user;
  if (user === undefined) {
    if (
      values["auth-user"] !== undefined ||
      values["password-file"] !== undefined ||
      values["outbound-proxy"] !== undefined
    )
      return { ok: false, error: "--auth-user, --password-file and --outbound-proxy go with --user" };
    return { ok: true };
  }
  const proxy = values["outbound-proxy"] !== undefined ? parseOutboundProxy(values["outbound-proxy"]) : undefined;
  if (proxy && !proxy.ok) return { ok: false, error: `--outbound-proxy: ${proxy.error}` };
  const [name = "", domain] = user.split("@");
  if (!/^[A-Za-z0-9\-_.!~*'()&=+$,;?/%]+$/.test(name)) return { ok: false, error: "--user needs a SIP user name" };
  let password = process.env.SIPWATCH_PASSWORD;
  if (values["password-file"] !== undefined) {
    try {
      password = readFileSync(values["password-file"], "utf8").split(/\r?\n/)[0];
    } catch (error) {
      return {
        ok: false,
        error: `--password-file ${values["password-file"]}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`,
      };
    }
  }
  if (!password) return { ok: false, error: "--user needs a password: --password-file <file> or SIPWATCH_PASSWORD" };
  return {
    ok: true,
    ...(proxy?.ok ? { outboundProxy: proxy.proxy } : {}),
    credentials: {
      user: name,
      ...(domain ? { domain } : {}),
      ...(values["auth-user"] ? { authUser: values["auth-user"] } : {}),
      password,
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      resolver: { type: "string", multiple: true, short: "r" },
      json: { type: "boolean" },
      authoritative: { type: "boolean" },
      "no-probe": { type: "boolean" },
      "probe-timeout": { type: "string" },
      ca: { type: "string" },
      lab: { type: "boolean" },
      "authoritative-port": { type: "string" },
      timeout: { type: "string" },
      help: { type: "boolean", short: "h" },
      server: { type: "string" },
      token: { type: "string" },
      config: { type: "string" },
      "state-dir": { type: "string" },
      "health-port": { type: "string" },
      "health-host": { type: "string" },
      "max-queue": { type: "string" },
      interval: { type: "string" },
      version: { type: "boolean" },
      user: { type: "string" },
      "auth-user": { type: "string" },
      "outbound-proxy": { type: "string" },
      "password-file": { type: "string" },
      api: { type: "string" },
      "dry-run": { type: "boolean" },
      prune: { type: "boolean" },
      verbose: { type: "boolean" },
    },
  });
}
