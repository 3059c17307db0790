/**
 * A mergeable latency histogram with log-scale bins (the DDSketch mapping): bin i holds values
 * in (G^(i-1), G^i], and any quantile read from it is within RELATIVE_ERROR of a value that was
 * recorded. Merging two histograms is adding their counts, so hours add up to days exactly.
 * Sparse: only bins that saw a value are kept, as { "index": count }; times under 1 ms go to
 * bin "0" and read back as 0.
 */
export type LatencyHistogram = Record<string, number>;

/** Quantiles are within 5% of a recorded value. */
export const RELATIVE_ERROR = 0.05;
const G = (1 + RELATIVE_ERROR) / (1 - RELATIVE_ERROR);
const LOG_G = Math.log(G);
/** Round trips above 10 minutes are clamped: nothing real takes longer, and the bins stay bounded. */
const MAX_MS = 600_000;

/** The bin of a round trip in ms; throws on a value that is not a finite number. */
export function binOf(ms: number): number {
  if (!Number.isFinite(ms)) throw new Error(`latency must be a finite number of ms, got ${ms}`);
  if (ms < 1) return 0;
  return Math.max(1, Math.ceil(Math.log(Math.min(ms, MAX_MS)) / LOG_G));
}

/** The value a bin reads back as: the point whose relative distance to both bin edges is RELATIVE_ERROR. */
export function binValue(bin: number): number {
  if (bin <= 0) return 0;
  return (2 * G ** bin) / (G + 1);
}

/** `addLatency(h, 42)`: a copy of `h` with one more value. */
export function addLatency(histogram: LatencyHistogram, ms: number): LatencyHistogram {
  const bin = String(binOf(ms));
  return { ...histogram, [bin]: (histogram[bin] ?? 0) + 1 };
}

/** The sum of histograms: exactly the histogram of all their values. */
export function mergeHistograms(...histograms: ReadonlyArray<LatencyHistogram | null | undefined>): LatencyHistogram {
  const out: LatencyHistogram = {};
  for (const h of histograms) {
    if (!h) continue;
    for (const [bin, count] of Object.entries(h)) {
      if (!Number.isInteger(count) || count <= 0 || !/^\d+$/.test(bin)) continue;
      out[bin] = (out[bin] ?? 0) + count;
    }
  }
  return out;
}

export const histogramCount = (h: LatencyHistogram) => Object.values(h).reduce((n, c) => n + c, 0);

/**
 * The nearest-rank quantile (p in 0..100) in ms, rounded to 0.1 ms; null for an empty
 * histogram. `quantile(h, 95)`.
 */
export function quantile(histogram: LatencyHistogram, p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new Error(`quantile must be within 0..100, got ${p}`);
  const bins = Object.entries(histogram)
    .map(([bin, count]) => [Number(bin), count] as const)
    .filter(([, count]) => count > 0)
    .sort((a, b) => a[0] - b[0]);
  const total = bins.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [bin, count] of bins) {
    seen += count;
    if (seen >= rank) return Math.round(binValue(bin) * 10) / 10;
  }
  return null;
}
