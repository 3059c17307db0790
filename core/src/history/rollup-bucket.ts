import type { RunSummary } from "./types";

/** One run's contribution to a chart bucket: did it work, and how fast. */
export interface RollupSample {
  ok: boolean;
  ms: number | null;
}

/** The rollup key for the run as a whole, next to the per-transport ones. */
export const OVERALL = "all";

/**
 * Samples of one run per rollup transport: each probed transport, plus "all" (the run found no
 * critical problem; its time is the fastest working transport's). Error runs count as failures.
 */
export function rollupSamples(summary: RunSummary): Array<{ transport: string } & RollupSample> {
  const perTransport = Object.entries(summary.transports).map(([transport, t]) => ({
    transport,
    ok: t?.ok ?? false,
    ms: t?.ok ? (t.ms ?? null) : null,
  }));
  const times = perTransport.map((s) => s.ms).filter((ms): ms is number => ms !== null);
  const ok = summary.status === "ok" || summary.status === "warning";
  return [...perTransport, { transport: OVERALL, ok, ms: ok && times.length > 0 ? Math.min(...times) : null }];
}

/** Nearest-rank percentile: the value at rank ceil(p/100 * n) of the sorted list (the exact figure the histograms approximate). */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
