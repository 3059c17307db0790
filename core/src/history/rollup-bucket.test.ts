import { describe, expect, it } from "vitest";
import { nearestRank, rollupSamples } from "./rollup-bucket";
import { failedRunSummary } from "./summarise-run";

describe("nearestRank", () => {
  it("nearest rank never interpolates", () => {
    expect(nearestRank([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRank([1, 2, 3, 4], 95)).toBe(4);
    expect(
      nearestRank(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(19);
    expect(nearestRank([], 50)).toBeNull();
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
