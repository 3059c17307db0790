import { describe, expect, it } from "vitest";
import { combineBuckets, nearestRank, rollupBucket, rollupSamples } from "./rollup-bucket";
import { failedRunSummary } from "./summarise-run";

const ok = (ms: number) => ({ ok: true, ms });
const fail = { ok: false, ms: null };

describe("rollupBucket", () => {
  it.each([
    { name: "no runs", samples: [], expected: { runs: 0, successes: 0, p50Ms: null, p95Ms: null } },
    { name: "one run", samples: [ok(40)], expected: { runs: 1, successes: 1, p50Ms: 40, p95Ms: 40 } },
    {
      name: "failures count as runs, not as times",
      samples: [ok(30), fail, ok(10), ok(20)],
      expected: { runs: 4, successes: 3, p50Ms: 20, p95Ms: 30 },
    },
    {
      name: "twenty runs: p95 is the 19th value",
      samples: Array.from({ length: 20 }, (_, i) => ok(i + 1)),
      expected: { runs: 20, successes: 20, p50Ms: 10, p95Ms: 19 },
    },
  ])("$name", ({ samples, expected }) => {
    expect(rollupBucket(samples)).toEqual(expected);
  });

  it("nearest rank never interpolates", () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 95)).toBe(4);
  });
});

describe("rollupSamples", () => {
  it("gives each transport and the overall run", () => {
    const summary = {
      ...failedRunSummary("x"),
      status: "ok" as const,
      transports: { tls: { ok: true, ms: 40 }, tcp: { ok: false, ms: null } },
    };
    expect(rollupSamples(summary)).toEqual([
      { transport: "tls", ok: true, ms: 40 },
      { transport: "tcp", ok: false, ms: null },
      { transport: "all", ok: true, ms: 40 },
    ]);
    expect(rollupSamples(failedRunSummary("down"))).toEqual([{ transport: "all", ok: false, ms: null }]);
  });
});

describe("combineBuckets", () => {
  it("sums counts and weights the hours' percentiles by their successes", () => {
    const day = combineBuckets([
      { runs: 60, successes: 60, p50Ms: 10, p95Ms: 20 },
      { runs: 60, successes: 30, p50Ms: 100, p95Ms: 200 },
      { runs: 0, successes: 0, p50Ms: null, p95Ms: null },
    ]);
    expect(day).toEqual({ runs: 120, successes: 90, p50Ms: 10, p95Ms: 200 });
  });
});
