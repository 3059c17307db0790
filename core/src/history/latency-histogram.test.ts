import { describe, expect, it } from "vitest";
import {
  addLatency,
  binOf,
  histogramCount,
  type LatencyHistogram,
  mergeHistograms,
  quantile,
  RELATIVE_ERROR,
} from "./latency-histogram";
import { nearestRank } from "./rollup-bucket";

const of = (values: readonly number[]) => values.reduce<LatencyHistogram>((h, v) => addLatency(h, v), {});

// A deterministic spread of round trips from 1 ms to about 8 s, heavy at the low end.
const values = Array.from({ length: 2000 }, (_, i) => Math.round(1 + ((i * 7919) % 2000) ** 2 / 500));

describe("latency histogram", () => {
  it.each([50, 95, 99])("p%i is within 5%% of the exact nearest-rank value", (p) => {
    const exact = nearestRank(
      [...values].sort((a, b) => a - b),
      p,
    ) as number;
    const estimate = quantile(of(values), p) as number;
    expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(RELATIVE_ERROR + 0.001);
  });

  it("merging is exactly the histogram of all values, in any order", () => {
    const a = values.slice(0, 700);
    const b = values.slice(700);
    expect(mergeHistograms(of(a), of(b))).toEqual(of(values));
    expect(mergeHistograms(of(b), of(a))).toEqual(of(values));
    expect(histogramCount(mergeHistograms(of(a), null, of(b)))).toBe(values.length);
  });

  it("stays sparse: a steady service fills a handful of bins", () => {
    const steady = of(Array.from({ length: 60 }, (_, i) => 40 + (i % 5)));
    expect(Object.keys(steady).length).toBeLessThanOrEqual(3);
    expect(JSON.stringify(steady).length).toBeLessThan(40);
  });

  it("reads sub-millisecond times as 0, an empty histogram as null", () => {
    expect(quantile(of([0, 0.4]), 50)).toBe(0);
    expect(quantile({}, 50)).toBeNull();
  });

  it("refuses bad input clearly and bounds huge values", () => {
    expect(() => binOf(Number.NaN)).toThrow(/finite/);
    expect(() => quantile({}, 101)).toThrow(/0\.\.100/);
    expect(binOf(1e12)).toBe(binOf(600_000));
    // Garbage from a stored row (negative counts, odd keys) is ignored, not summed.
    expect(mergeHistograms({ "3": -2, x: 4, "5": 1.5, "7": 2 })).toEqual({ "7": 2 });
  });
});
