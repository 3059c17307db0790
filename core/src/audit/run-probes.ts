import type { ProbeTarget, SipOptionsProber, TargetProbes, TcpDialer, TlsProber } from "../probe/types";
import type { OutboundProxy } from "../register/outbound-proxy";
import { probeRegistration } from "../register/register-probe";
import type { RegisterCredentials, SipFlowOpener } from "../register/types";
import { crossCheckTransport, type NothingBack, optionsMetNothing, tlsMetNothing } from "./transport-cross-check";

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
  /** Register the monitor's test account on every reachable target the opener speaks; adds up to two probe timeouts per target. */
  register?: RegisterPlan;
}

export interface RegisterPlan {
  opener: SipFlowOpener;
  credentials: RegisterCredentials;
  expiresS?: number;
  /** "rewritten": an SBC changes the Contact on purpose, so a rewritten Contact is no finding. */
  expectContact?: "as-sent" | "rewritten";
  /** Register through this proxy instead of at each registrar target (register-via-proxy.ts). */
  outboundProxy?: OutboundProxy;
}

/** Decides whether a target may be probed from here; returns why not, or null to probe it. */
export type ProbeGate = (target: ProbeTarget) => { reason: string; scope: string } | null;

/**
 * Probes each target the way a phone would use it: UDP gets SIP OPTIONS; TCP a connect then
 * OPTIONS; TLS the handshake with the certificate, then OPTIONS inside TLS; WS/WSS the upgrade
 * and OPTIONS. Transports the runtime cannot speak (UDP at the edge, SCTP) stay unprobed.
 * When TLS or TCP OPTIONS meet silence or a close without a byte, the other transport is
 * spoken to the same port (transport-cross-check.ts). A target's probes, that included, end
 * within two probe timeouts, and a probe slot holds one connection at a time.
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
    const started = performance.now();
    const crossCheck = async (met: NothingBack) => {
      const timeoutMs = Math.min(options.timeoutMs, 2 * options.timeoutMs - (performance.now() - started));
      if (timeoutMs <= 0) return;
      const check = await crossCheckTransport(target, met, probers, { ...probeOptions, timeoutMs });
      if (check) result.crossCheck = check;
    };
    switch (target.transport) {
      case "tcp": {
        result.tcp = await probers.tcp.dial(target, probeOptions);
        if (result.tcp.outcome !== "connected" || !canSip(target)) break;
        result.sip = await probers.sip.options(target, probeOptions);
        const met = optionsMetNothing(result.sip);
        if (met) await crossCheck(met);
        break;
      }
      case "tls": {
        result.tls = await probers.tls.probe(target, probeOptions);
        const met = tlsMetNothing(result.tls);
        // OPTIONS inside TLS would meet the same silence: plain SIP tells more on that port.
        if (met) await crossCheck(met);
        else if (!["refused", "timeout", "unreachable"].includes(result.tls.outcome) && canSip(target)) {
          result.sip = await probers.sip.options(target, probeOptions);
        }
        break;
      }
      default:
        if (canSip(target)) result.sip = await probers.sip.options(target, probeOptions);
    }
    const plan = options.register;
    if (!plan?.outboundProxy && plan?.opener.transports.includes(target.transport) && connectionWorked(result)) {
      result.register = await probeRegistration(plan.opener, target, {
        ...probeOptions,
        credentials: plan.credentials,
        ...(plan.expiresS !== undefined ? { expiresS: plan.expiresS } : {}),
      });
    }
    return result;
  };
  return mapWithConcurrency(targets, options.concurrency ?? 6, probeOne);
}

/** Whether a REGISTER could get through: the TCP connect or TLS handshake worked (UDP: always worth a try). */
function connectionWorked(result: TargetProbes): boolean {
  if (result.tcp) return result.tcp.outcome === "connected";
  if (result.tls) return result.tls.outcome === "connected";
  return true;
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
