import { describe, expect, it } from "vitest";
import { accumulateRun, bucketFigures, mergeAccumulators, type RollupAccumulator } from "./rollup-accumulator";
import { failedRunSummary } from "./summarise-run";
import type { RunSummary } from "./types";

const run = (tlsMs: number | null): RunSummary => ({
  ...failedRunSummary("x"),
  status: tlsMs === null ? "critical" : "ok",
  error: undefined,
  transports: { tls: { ok: tlsMs !== null, ms: tlsMs } },
});
const hour = (times: Array<number | null>) =>
  times.reduce<RollupAccumulator | null>((acc, ms) => accumulateRun(acc, run(ms)), null) as RollupAccumulator;

describe("rollup accumulator", () => {
  it("counts runs and successes per transport and overall, exactly", () => {
    const acc = hour([40, 42, null, 44]);
    expect(bucketFigures(acc.tls as never)).toMatchObject({ runs: 4, successes: 3, meanMs: 42 });
    expect(bucketFigures(acc.all as never)).toMatchObject({ runs: 4, successes: 3 });
  });

  it("a day merged from hours equals the day accumulated run by run", () => {
    const a = [40, 41, null, 300];
    const b = [39, 500, 45];
    expect(mergeAccumulators(hour(a), hour(b))).toEqual(hour([...a, ...b]));
  });

  it("keeps an old row's percentiles only while there is no histogram", () => {
    const legacy: RollupAccumulator = {
      all: { runs: 12, ok: 12, timed: 0, sumMs: 0, h: {}, legacyP50Ms: 40, legacyP95Ms: 90 },
    };
    expect(bucketFigures(legacy.all as never)).toMatchObject({ p50Ms: 40, p95Ms: 90, p99Ms: null });
    const merged = mergeAccumulators(legacy, hour([200]));
    const figures = bucketFigures(merged.all as never);
    expect(figures).toMatchObject({ runs: 13, successes: 13 });
    expect(Math.abs((figures.p50Ms as number) - 200) / 200).toBeLessThanOrEqual(0.05);
  });
});
