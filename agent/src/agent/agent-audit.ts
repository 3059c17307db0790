import {
  auditOutcome,
  auditSipTarget,
  type DnsResolver,
  failedAuditOutcome,
  MAX_PROBE_TARGETS,
  type OutboundProxy,
  parseOutboundProxy,
  parseSipTarget,
  type RegisterPlan,
} from "@sipwatch/core";
import { NodeSipFlowOpener } from "../adapters/sip-flow-opener";
import { NodeSipOptionsProber } from "../adapters/sip-options-prober";
import { NodeTcpDialer } from "../adapters/tcp-dialer";
import { NodeTlsProber } from "../adapters/tls-prober";
import type { AgentJob, AgentReport } from "./protocol";

/** Inside a customer's network there is no Workers socket limit; stay polite to their servers. */
const PROBE_CONCURRENCY = 8;

export interface AgentAuditSettings {
  resolvers: DnsResolver[];
  probeTimeoutMs: number;
  /** The DNS walk's deadline; the probes get their own budget on top, as in `sipwatch check`. */
  dnsDeadlineMs: number;
  ca?: string;
  /** Development against the local lab: loopback answers are expected. */
  lab: boolean;
  /** Agent-held test-account passwords by monitor id (agent-config.ts). */
  passwords?: ReadonlyMap<string, string>;
  /** Outbound proxies from this agent's file by monitor id; they override the monitor's own setting. */
  outboundProxies?: ReadonlyMap<string, OutboundProxy>;
}

/**
 * The REGISTER plan for a job whose test account this agent holds; none when the regions hold
 * it ("stored": the server never sends passwords) or this agent's file has no password for it.
 */
function registerPlanFor(job: AgentJob, settings: AgentAuditSettings): RegisterPlan | undefined {
  const account = job.registration;
  const password = settings.passwords?.get(job.monitorId);
  if (account?.source !== "agent" || !password) return undefined;
  return {
    opener: new NodeSipFlowOpener(),
    credentials: {
      user: account.user,
      password,
      ...(account.authUser ? { authUser: account.authUser } : {}),
      ...(account.domain ? { domain: account.domain } : {}),
    },
    expectContact: account.expectContact,
    ...outboundProxyFor(job, settings),
  };
}

/** The agent's own proxy setting first, then the monitor's (a server that predates proxies sends none). */
function outboundProxyFor(job: AgentJob, settings: AgentAuditSettings): { outboundProxy?: OutboundProxy } {
  const own = settings.outboundProxies?.get(job.monitorId);
  if (own) return { outboundProxy: own };
  const sent = job.registration?.outboundProxy;
  const parsed = sent ? parseOutboundProxy(sent) : undefined;
  return parsed?.ok ? { outboundProxy: parsed.proxy } : {};
}

/**
 * One job, the same audit as `sipwatch check` (UDP, TCP, TLS and WS probes from Node, the
 * configured resolvers), as the report the server stores. Never throws for the customer's
 * side: a bad target or a resolver that is down is a report with status "error".
 */
export async function auditJob(job: AgentJob, settings: AgentAuditSettings): Promise<AgentReport> {
  const startedAt = Date.now();
  const base = { reportId: crypto.randomUUID(), monitorId: job.monitorId, startedAt };
  // The server bounds the text; an exception's message can be long.
  const failed = (error: string): AgentReport => ({ ...base, ...failedAuditOutcome(error.slice(0, 1000), startedAt) });
  const parsed = parseSipTarget(job.target);
  if (!parsed.ok) return failed(`not a SIP target: ${parsed.error}`);
  const register = registerPlanFor(job, settings);
  // REGISTER adds a registration and an unregister per target.
  const probeBudgetMs = Math.ceil(MAX_PROBE_TARGETS / PROBE_CONCURRENCY) * (register ? 4 : 2) * settings.probeTimeoutMs;
  try {
    const report = await auditSipTarget(parsed.target, settings.resolvers, {
      signal: AbortSignal.timeout(settings.dnsDeadlineMs + probeBudgetMs),
      loopbackIsLab: settings.lab,
      probe: {
        timeoutMs: settings.probeTimeoutMs,
        concurrency: PROBE_CONCURRENCY,
        slowMs: job.slowMs,
        ...(register ? { register } : {}),
        ...(job.responseHandling ? { responseHandling: job.responseHandling } : {}),
        probers: {
          tcp: new NodeTcpDialer(),
          tls: new NodeTlsProber({ checkLegacyVersions: true, ...(settings.ca ? { ca: settings.ca } : {}) }),
          sip: new NodeSipOptionsProber(),
        },
      },
    });
    const outcome = await auditOutcome(report, startedAt, job.responseHandling);
    // The resolver's error text is bounded like any other failure's.
    if (outcome.summary.error !== undefined) return failed(outcome.summary.error);
    return { ...base, ...outcome };
  } catch (error) {
    // A bug, not the customer's fault; still a report, so the history shows the gap.
    return failed(`audit failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
