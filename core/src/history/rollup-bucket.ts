import type { RunSummary } from "./types";

/** One run's contribution to a chart bucket: did it work, and how fast. */
export interface RollupSample {
  ok: boolean;
  ms: number | null;
}

export interface RollupBucket {
  runs: number;
  successes: number;
  /** Nearest-rank percentiles of the successful runs' times; null when none has a time. */
  p50Ms: number | null;
  p95Ms: number | null;
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

/** `rollupBucket(samples)`: counts and nearest-rank p50/p95 of one hour of runs. */
export function rollupBucket(samples: readonly RollupSample[]): RollupBucket {
  const times = samples
    .filter((s) => s.ok && s.ms !== null)
    .map((s) => s.ms as number)
    .sort((a, b) => a - b);
  return {
    runs: samples.length,
    successes: samples.filter((s) => s.ok).length,
    p50Ms: nearestRank(times, 50),
    p95Ms: nearestRank(times, 95),
  };
}

/** Nearest-rank percentile: the value at rank ceil(p/100 * n) of the sorted list. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/**
 * A day from its hours. Percentiles do not add up, so the day's p50 and p95 are the
 * nearest-rank percentiles of the hourly values weighted by each hour's successes: exact when
 * hours are alike, and never outside the range the hours saw.
 */
export function combineBuckets(hours: readonly RollupBucket[]): RollupBucket {
  const weighted = (pick: (b: RollupBucket) => number | null, p: number) => {
    const values = hours
      .flatMap((b) => {
        const v = pick(b);
        return v === null ? [] : [{ v, w: b.successes }];
      })
      .sort((a, b) => a.v - b.v);
    const total = values.reduce((n, x) => n + x.w, 0);
    if (values.length === 0 || total === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * total));
    let seen = 0;
    for (const x of values) {
      seen += x.w;
      if (seen >= rank) return x.v;
    }
    return values.at(-1)?.v ?? null;
  };
  return {
    runs: hours.reduce((n, b) => n + b.runs, 0),
    successes: hours.reduce((n, b) => n + b.successes, 0),
    p50Ms: weighted((b) => b.p50Ms, 50),
    p95Ms: weighted((b) => b.p95Ms, 95),
  };
}
