import { describe, expect, it } from "vitest";
import { spanText } from "./span-text";

const MIN = 60_000;

describe("spanText", () => {
  it.each([
    [{ from: 0, to: 0, runs: 1, open: true }, "1 run"],
    [{ from: 0, to: 179 * MIN, runs: 180, open: false }, "unchanged for 3 h, 180 runs"],
    [{ from: 0, to: 4 * MIN, runs: 5, open: true }, "unchanged for 4 min so far, 5 runs"],
    [{ from: 0, to: 3 * 24 * 60 * MIN, runs: 4321, open: false }, "unchanged for 3 days, 4,321 runs"],
  ])("%o reads %s", (span, text) => {
    expect(spanText(span)).toBe(text);
  });
});
