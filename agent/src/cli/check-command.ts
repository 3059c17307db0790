import {
  type AuthoritativeResolverFactory,
  auditSipTarget,
  MAX_PROBE_TARGETS,
  type OutboundProxy,
  parseSipTarget,
  type RegisterCredentials,
  resolverUnreachable,
} from "@sipwatch/core";
import { NodeSipFlowOpener } from "../adapters/sip-flow-opener";
import { NodeSipOptionsProber } from "../adapters/sip-options-prober";
import { NodeTcpDialer } from "../adapters/tcp-dialer";
import { NodeTlsProber } from "../adapters/tls-prober";
import { UdpTcpResolver } from "../adapters/udp-tcp-dns";
import type { CliIo } from "./io";
import { EXIT } from "./io";
import { makePaint } from "./paint";
import { renderReport } from "./render-report";
import { resolversFromSpecs } from "./resolver-spec";

/** The agent runs on a customer's machine, not under Workers' 6-socket limit. */
const PROBE_CONCURRENCY = 8;

export interface CheckOptions {
  target: string;
  resolvers: string[];
  json: boolean;
  timeoutMs: number;
  /** Whole-audit deadline, so a black-holed resolver cannot hang the CLI. */
  deadlineMs: number;
  /** Ask each authoritative server directly, on this port (53 in the wild, the lab's port in tests). */
  authoritativePort?: number;
  /** Probe the targets (TCP, TLS and certificates, SIP OPTIONS); absent for a DNS-only check. */
  probe?: { timeoutMs: number; ca?: string };
  /** Development against the local lab: loopback targets are expected. */
  lab: boolean;
  /** Register this test account on each reachable target (needs `probe`). */
  credentials?: RegisterCredentials;
  /** Register through this proxy instead of at each target (`--outbound-proxy`). */
  outboundProxy?: OutboundProxy;
}

/** `sipwatch check`: audit a SIP domain's discovery records and say what phones will do. */
export async function checkCommand(options: CheckOptions, io: CliIo): Promise<number> {
  const parsed = parseSipTarget(options.target);
  if (!parsed.ok) {
    io.stderr(`sipwatch: ${parsed.error}\n`);
    return EXIT.usage;
  }
  const choice = resolversFromSpecs(options.resolvers, options.timeoutMs);
  if (!choice.ok) {
    io.stderr(`sipwatch: ${choice.error}\n`);
    return EXIT.usage;
  }
  const port = options.authoritativePort;
  const authoritative: AuthoritativeResolverFactory | undefined =
    port === undefined
      ? undefined
      : (server) =>
          new UdpTcpResolver({
            servers: [{ host: server.address, port }],
            recursionDesired: false,
            rounds: 1,
            timeoutMs: options.timeoutMs,
            label: `${server.name} ${server.address}`,
          });
  const probe = options.probe;
  // Each probe is bounded on its own; the audit deadline must outlast the worst case: every
  // wave of PROBE_CONCURRENCY targets spends up to two probes (connect or TLS, then OPTIONS).
  // Registering adds two more (the registration, then removing the binding).
  const probesPerTarget = options.credentials ? 4 : 2;
  const probeBudgetMs = probe
    ? Math.ceil(MAX_PROBE_TARGETS / PROBE_CONCURRENCY) * probesPerTarget * probe.timeoutMs
    : 0;
  const report = await auditSipTarget(parsed.target, choice.resolvers, {
    signal: AbortSignal.timeout(options.deadlineMs + probeBudgetMs),
    loopbackIsLab: options.lab,
    ...(authoritative ? { authoritative } : {}),
    ...(probe
      ? {
          probe: {
            timeoutMs: probe.timeoutMs,
            concurrency: PROBE_CONCURRENCY,
            probers: {
              tcp: new NodeTcpDialer(),
              tls: new NodeTlsProber({ checkLegacyVersions: true, ...(probe.ca ? { ca: probe.ca } : {}) }),
              sip: new NodeSipOptionsProber(),
            },
            ...(options.credentials
              ? {
                  register: {
                    opener: new NodeSipFlowOpener(),
                    credentials: options.credentials,
                    ...(options.outboundProxy ? { outboundProxy: options.outboundProxy } : {}),
                  },
                }
              : {}),
          },
        }
      : {}),
  });
  const unreachable = resolverUnreachable(report);
  if (unreachable) {
    io.stderr(`sipwatch: ${unreachable}\n`);
    return EXIT.usage;
  }
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderReport(report, makePaint(io.color)));
  return report.status === "critical" ? EXIT.critical : report.status === "warning" ? EXIT.warnings : EXIT.clean;
}
