import { addLatency, histogramCount, type LatencyHistogram, mergeHistograms, quantile } from "./latency-histogram";
import { rollupSamples } from "./rollup-bucket";
import type { RunSummary } from "./types";

/**
 * What a chart bucket knows of one transport (or "all"), exactly: runs, successes, the sum of
 * the successful runs' times and their histogram. Rows carried over from the old rollup table
 * have no histogram, only the percentiles computed then (`legacyP50Ms`, `legacyP95Ms`).
 */
export interface TransportAccumulator {
  runs: number;
  ok: number;
  /** Successful runs that had a time, and the sum of those times (for the mean). */
  timed: number;
  sumMs: number;
  h: LatencyHistogram;
  legacyP50Ms?: number | null;
  legacyP95Ms?: number | null;
}

/** One bucket (an hour, a day) of one monitor x vantage: every transport inside, keyed by transport. */
export type RollupAccumulator = Record<string, TransportAccumulator>;

const empty = (): TransportAccumulator => ({ runs: 0, ok: 0, timed: 0, sumMs: 0, h: {} });

/** `accumulateRun(acc, summary)`: a copy of the bucket with one more run counted. */
export function accumulateRun(acc: RollupAccumulator | null, summary: RunSummary): RollupAccumulator {
  const out: RollupAccumulator = { ...(acc ?? {}) };
  for (const { transport, ok, ms } of rollupSamples(summary)) {
    const t = out[transport] ?? empty();
    const timed = ok && ms !== null;
    out[transport] = {
      ...t,
      runs: t.runs + 1,
      ok: t.ok + (ok ? 1 : 0),
      timed: t.timed + (timed ? 1 : 0),
      sumMs: t.sumMs + (timed ? ms : 0),
      h: timed ? addLatency(t.h, ms) : t.h,
    };
  }
  return out;
}

/** The sum of buckets: hours into a day, a stored day and the hour not yet written. */
export function mergeAccumulators(...buckets: ReadonlyArray<RollupAccumulator | null | undefined>): RollupAccumulator {
  const out: RollupAccumulator = {};
  for (const bucket of buckets) {
    for (const [transport, t] of Object.entries(bucket ?? {})) {
      const was = out[transport] ?? empty();
      out[transport] = {
        runs: was.runs + t.runs,
        ok: was.ok + t.ok,
        timed: was.timed + t.timed,
        sumMs: was.sumMs + t.sumMs,
        h: mergeHistograms(was.h, t.h),
        // Old percentiles cannot be merged; one is kept only while nothing better is known.
        ...(t.legacyP50Ms != null || was.legacyP50Ms != null
          ? { legacyP50Ms: was.legacyP50Ms ?? t.legacyP50Ms, legacyP95Ms: was.legacyP95Ms ?? t.legacyP95Ms }
          : {}),
      };
    }
  }
  return out;
}

/** A transport's bucket as a chart shows it. */
export interface BucketFigures {
  runs: number;
  successes: number;
  p50Ms: number | null;
  p95Ms: number | null;
  p99Ms: number | null;
  meanMs: number | null;
}

/** Percentiles from the histogram (within 5%); from the old row's own figures when there is no histogram. */
export function bucketFigures(t: TransportAccumulator): BucketFigures {
  const timed = histogramCount(t.h) > 0;
  return {
    runs: t.runs,
    successes: t.ok,
    p50Ms: timed ? quantile(t.h, 50) : (t.legacyP50Ms ?? null),
    p95Ms: timed ? quantile(t.h, 95) : (t.legacyP95Ms ?? null),
    p99Ms: timed ? quantile(t.h, 99) : null,
    meanMs: t.timed > 0 ? Math.round((t.sumMs / t.timed) * 10) / 10 : null,
  };
}
