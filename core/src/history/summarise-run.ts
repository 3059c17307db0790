import type { AuditReport } from "../audit/types";
import { crossCheckAnswer } from "../findings/probe-rules/cross-check-facts";
import type { Severity } from "../findings/types";
import { type ResponseHandling, statusVerdict } from "../probe/response-handling";
import type { TargetProbes } from "../probe/types";
import { formatHostPort } from "../sip/host-port";
import type { Transport } from "../sip/types";
import type { RunSummary, TargetSummary, TransportSummary } from "./types";

const DAY_MS = 86_400_000;

/**
 * The compact `run` row of one audit: per transport whether clients get an answer and how fast,
 * each probed target's outcome, where each client profile ends up, certificate days left and
 * finding counts. `summariseRun(report, new Date(), monitor.responseHandling)`: the handling the
 * audit judged with, so a replay of the run reads each REGISTER status the same way.
 */
export function summariseRun(report: AuditReport, now: Date, handling?: ResponseHandling): RunSummary {
  const probes = (report.probes ?? []).filter((p) => p.skipped || p.tcp || p.tls || p.sip || p.register);
  const targets = probes.map((p) => targetSummary(p, now, handling));
  const leafDays = targets.map((t) => t.certDaysLeft).filter((d): d is number => d !== null);
  const findings: Record<Severity, number> = { critical: 0, warning: 0, info: 0 };
  for (const finding of report.findings) findings[finding.severity]++;
  return {
    v: 1,
    status: report.status,
    transports: transportSummaries(targets),
    targets,
    profiles: report.profiles.map(({ profile, outcome, attempts }) => ({
      profile,
      final: outcome.candidate
        ? `${outcome.candidate.transport} ${formatHostPort(outcome.candidate.host, outcome.candidate.port)}`
        : null,
      delayed: outcome.afterMs > 0,
      // Only when true: run rows stay as small as before for the common case.
      ...(attempts.some((a) => a.step === "next-transport") ? { changedTransport: true } : {}),
    })),
    certDaysLeft: leafDays.length > 0 ? Math.min(...leafDays) : null,
    findings,
  };
}

/** The summary of a run that produced no report: the resolver was down, the deadline passed. */
export function failedRunSummary(error: string): RunSummary {
  return {
    v: 1,
    status: "error",
    transports: {},
    targets: [],
    profiles: [],
    certDaysLeft: null,
    findings: { critical: 0, warning: 0, info: 0 },
    error,
  };
}

/**
 * "ok", or what went wrong first, in the order a phone meets it: connect, TLS, then SIP. A port
 * speaking the other transport says so: "speaks-plain-sip" (TLS advertised), "speaks-tls" (TCP).
 */
export function targetOutcome(probe: TargetProbes): string {
  const { tcp, tls, sip, skipped, register } = probe;
  if (skipped) return `skipped-${skipped.scope}`;
  // An outbound proxy is only sent REGISTER: whether it answered at all is its outcome.
  if (probe.outboundProxy && register) return PROXY_OUTCOME[register.outcome] ?? "ok";
  if (tcp && tcp.outcome !== "connected") return tcp.outcome;
  const other = crossCheckAnswer(probe);
  if (other) return other.kind === "plaintext-on-tls-port" ? "speaks-plain-sip" : "speaks-tls";
  if (tls && tls.outcome !== "connected") return tls.outcome;
  if (tls?.verification && !tls.verification.trusted) return "untrusted";
  if (!sip) return "ok";
  if (sip.outcome !== "answered") return `sip-${sip.outcome}`;
  const status = sip.response?.status ?? 500;
  return status >= 500 ? `sip-${status}` : "ok";
}

const PROXY_OUTCOME: Partial<Record<string, string>> = {
  "connection-refused": "refused",
  timeout: "timeout",
  unreachable: "unreachable",
  reset: "sip-reset",
  "handshake-failed": "handshake-failed",
  error: "error",
};

function targetSummary(probe: TargetProbes, now: Date, handling: ResponseHandling | undefined): TargetSummary {
  const { target, tcp, tls, sip } = probe;
  const leaf = tls?.chain[0];
  const connectMs = tcp?.connectMs ?? tls?.connectMs;
  return {
    transport: target.transport,
    host: target.host,
    port: target.port,
    address: target.address,
    ...(probe.outboundProxy ? { via: "outbound-proxy" as const } : {}),
    outcome: targetOutcome(probe),
    connectMs: connectMs === undefined ? null : Math.round(connectMs),
    sipMs: sip?.rttMs === undefined ? null : Math.round(sip.rttMs),
    sipStatus: sip?.response?.status ?? null,
    certDaysLeft: leaf ? Math.floor((Date.parse(leaf.notAfter) - now.getTime()) / DAY_MS) : null,
    ...(probe.register
      ? {
          register: {
            outcome: probe.register.outcome,
            status: probe.register.status ?? null,
            ms: probe.register.registerMs ?? null,
            ...countedAs(probe.register.status, handling),
          },
        }
      : {}),
  };
}

/** The monitor's reading of a REGISTER status, stored only when it differs from the default. */
function countedAs(status: number | undefined, handling: ResponseHandling | undefined) {
  const verdict = status === undefined ? "default" : statusVerdict(status, handling?.register);
  return verdict === "default" ? {} : { counted: verdict };
}

/** A transport is up when some probed target of it is reachable; its time is the fastest such target. */
function transportSummaries(targets: readonly TargetSummary[]): Partial<Record<Transport, TransportSummary>> {
  const out: Partial<Record<Transport, TransportSummary>> = {};
  for (const t of targets) {
    // The proxy says nothing about whether the registrar's own targets answer.
    if (t.outcome.startsWith("skipped-") || t.via === "outbound-proxy") continue;
    const ms = t.outcome === "ok" ? (t.sipMs ?? t.connectMs) : null;
    const seen = out[t.transport];
    const ok = (seen?.ok ?? false) || t.outcome === "ok";
    const best = [seen?.ms, ms].filter((x): x is number => typeof x === "number");
    out[t.transport] = { ok, ms: best.length > 0 ? Math.min(...best) : null };
  }
  return out;
}
