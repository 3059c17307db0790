import type { Severity } from "../findings/types";
import type { RunSummary } from "../history/types";

/** Overall state a visitor sees: "unknown" until some vantage produced a report. */
export type PublicState = "ok" | "degraded" | "down" | "unknown";

/** A transport as seen from every vantage: "partial" when some reached it and some did not. */
export type PublicTransportState = "up" | "partial" | "down";

/**
 * What a public status page or badge may show about a monitor: states, counts and titles,
 * nothing that names an agent, an address, a token or a row.
 */
export interface PublicStatus {
  state: PublicState;
  transports: Record<string, PublicTransportState>;
  certDaysLeft: number | null;
  findings: Array<{ severity: Severity; title: string }>;
  lastCheckedAt: number | null;
  /** Share of successful runs over the availability window, 0..1; null without data. */
  availability: number | null;
}

const STATE_OF: Record<RunSummary["status"], PublicState> = {
  ok: "ok",
  warning: "degraded",
  critical: "down",
  error: "unknown",
};
const WORST: PublicState[] = ["down", "degraded", "ok"];

/**
 * The public view of a monitor from its latest run per vantage, its open findings and its
 * availability. The worst vantage decides the state: a phone in that region sees it.
 */
export function publicStatusOf(
  latest: ReadonlyArray<{ startedAt: number; summary: RunSummary }>,
  openFindings: ReadonlyArray<{ severity: Severity; title: string }>,
  availability: { runs: number; successes: number },
): PublicStatus {
  const reported = latest.filter((r) => r.summary.status !== "error");
  const states = reported.map((r) => STATE_OF[r.summary.status]);
  const state = WORST.find((s) => states.includes(s)) ?? "unknown";
  const transports: Record<string, PublicTransportState> = {};
  const names = [...new Set(reported.flatMap((r) => Object.keys(r.summary.transports)))].sort();
  for (const name of names) {
    const seen = reported.map((r) => r.summary.transports[name as keyof RunSummary["transports"]]).filter(Boolean);
    const up = seen.filter((t) => t?.ok).length;
    transports[name] = up === seen.length ? "up" : up === 0 ? "down" : "partial";
  }
  const certs = reported.map((r) => r.summary.certDaysLeft).filter((d): d is number => d !== null);
  const titles = new Map<string, Severity>();
  for (const f of openFindings) if (f.severity !== "info" && !titles.has(f.title)) titles.set(f.title, f.severity);
  return {
    state,
    transports,
    certDaysLeft: certs.length > 0 ? Math.min(...certs) : null,
    findings: [...titles].map(([title, severity]) => ({ severity, title })),
    lastCheckedAt: latest.length > 0 ? Math.max(...latest.map((r) => r.startedAt)) : null,
    availability: availability.runs > 0 ? availability.successes / availability.runs : null,
  };
}
