import type { ProbeTarget, SipOptionsProber, TargetProbes, TcpDialer, TlsProber } from "../probe/types";

export interface Probers {
  tcp: TcpDialer;
  tls: TlsProber;
  sip: SipOptionsProber;
}

export interface RunProbesOptions {
  timeoutMs: number;
  /** Workers allow 6 open connections per invocation; the agent can afford more. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Targets it returns a reason for are reported as skipped, never connected to (see edge-target-policy.ts). */
  gate?: ProbeGate;
}

/** Decides whether a target may be probed from here; returns why not, or null to probe it. */
export type ProbeGate = (target: ProbeTarget) => { reason: string; scope: string } | null;

/**
 * Probes each target the way a phone would use it: UDP gets SIP OPTIONS; TCP a connect then
 * OPTIONS; TLS the handshake with the certificate, then OPTIONS inside TLS; WS/WSS the upgrade
 * and OPTIONS. Transports the runtime cannot speak (UDP at the edge, SCTP) stay unprobed.
 */
export async function runProbes(
  targets: readonly ProbeTarget[],
  probers: Probers,
  options: RunProbesOptions,
): Promise<TargetProbes[]> {
  const probeOptions = { timeoutMs: options.timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
  const canSip = (t: ProbeTarget) => probers.sip.transports.includes(t.transport);
  const probeOne = async (target: ProbeTarget): Promise<TargetProbes> => {
    const refusal = options.gate?.(target);
    if (refusal) return { target, skipped: refusal };
    const result: TargetProbes = { target };
    switch (target.transport) {
      case "tcp":
        result.tcp = await probers.tcp.dial(target, probeOptions);
        if (result.tcp.outcome === "connected" && canSip(target))
          result.sip = await probers.sip.options(target, probeOptions);
        break;
      case "tls":
        result.tls = await probers.tls.probe(target, probeOptions);
        if (!["refused", "timeout", "unreachable"].includes(result.tls.outcome) && canSip(target)) {
          result.sip = await probers.sip.options(target, probeOptions);
        }
        break;
      default:
        if (canSip(target)) result.sip = await probers.sip.options(target, probeOptions);
    }
    return result;
  };
  return mapWithConcurrency(targets, options.concurrency ?? 6, probeOne);
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping the input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
