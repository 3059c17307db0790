import { auditOutcome, auditSipTarget, edgeTargetPolicy, failedAuditOutcome, parseSipTarget } from "@sipwatch/core";
import {
  TlsSessionShelf,
  WorkersSipFlowOpener,
  WorkersSipOptionsProber,
  WorkersTcpDialer,
  WorkersTlsProber,
} from "../adapters/index";
import type { AuditJob, AuditResult, AuditSettings } from "./audit-job";
import { ConnectionLimit } from "./connection-limit";
import { edgeResolver } from "./edge-resolver";
import type { EdgeProbeExtras } from "./probe-extras";

/**
 * Connections one audit may hold at once: its DoH fetches during the walk, then its probes
 * (a TLS session parked for the SIP prober belongs to the probe that opened it). Two audits
 * at a time therefore stay within the Workers limit of 6.
 */
export const CONNECTIONS_PER_AUDIT = 3;

/**
 * One monitor from this region: the RFC 3263 walk (DNS over TCP or DoH, edge-resolver.ts), every probe through the Workers
 * adapters behind the SSRF gate, the compact summary and the record sets for the history.
 * Never throws for the customer's side: a bad target, a resolver that is down or a deadline
 * that passed is a run with status "error".
 */
export async function runEdgeAudit(
  job: AuditJob,
  settings: AuditSettings,
  extras?: EdgeProbeExtras,
): Promise<AuditResult> {
  const startedAt = Date.now();
  const base = { monitorId: job.monitorId, vantageId: job.vantageId, startedAt };
  const failed = (error: string): AuditResult => ({ ...base, ...failedAuditOutcome(error, startedAt) });
  const parsed = parseSipTarget(job.target);
  if (!parsed.ok) return failed(`not a SIP target: ${parsed.error}`);

  const limit = new ConnectionLimit(CONNECTIONS_PER_AUDIT);
  // REGISTER adds up to two probe timeouts per target (registration, then unregister).
  const deadlineMs = settings.deadlineMs + (extras?.register ? 2 * settings.probeTimeoutMs : 0);
  const deadline = AbortSignal.timeout(deadlineMs);
  const shelf = new TlsSessionShelf();
  const dns = edgeResolver(settings.resolvers, limit);
  try {
    const audit = auditSipTarget(parsed.target, [dns.resolver], {
      signal: deadline,
      loopbackIsLab: settings.allowLoopback,
      probe: {
        timeoutMs: settings.probeTimeoutMs,
        // A DNS-over-TCP connection stays open beside the probes.
        concurrency: CONNECTIONS_PER_AUDIT - dns.connections,
        slowMs: job.slowMs,
        gate: edgeTargetPolicy({ allowLoopback: settings.allowLoopback }),
        ...(extras ? { responseHandling: extras.responseHandling } : {}),
        ...(extras?.register
          ? {
              register: {
                // The TLS session OPTIONS used is handed to REGISTER (not through a proxy: another address).
                opener: new WorkersSipFlowOpener("/", extras.register.outboundProxy ? undefined : shelf),
                credentials: extras.register.credentials,
                expectContact: extras.register.expectContact,
                ...(extras.register.outboundProxy ? { outboundProxy: extras.register.outboundProxy } : {}),
              },
            }
          : {}),
        probers: {
          tcp: new WorkersTcpDialer(),
          tls: new WorkersTlsProber({ extraCaPems: settings.extraCaPems, shelf }),
          sip: new WorkersSipOptionsProber({
            shelf,
            keepTlsForRegister: extras?.register !== undefined && !extras.register.outboundProxy,
          }),
        },
      },
    });
    const report = await Promise.race([audit, aborted(deadline)]);
    if (!report) return failed(`audit did not finish within ${deadlineMs} ms`);
    const outcome = await auditOutcome(report, startedAt, extras?.responseHandling);
    // The tree crosses the RPC boundary only when DNS changed since the snapshot in force.
    const unchanged = outcome.hash !== null && outcome.hash === job.knownSnapshotHash;
    return { ...base, ...outcome, resolution: unchanged ? null : outcome.resolution };
  } catch (error) {
    // A bug, not the customer's fault; still one error run rather than a lost batch.
    return failed(`audit failed: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    shelf.closeAll();
    dns.close();
  }
}

/** Resolves with null when the deadline passes: the walk's own timers may still be running. */
function aborted(signal: AbortSignal): Promise<null> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(null);
    else signal.addEventListener("abort", () => resolve(null), { once: true });
  });
}
