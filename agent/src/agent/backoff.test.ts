import { describe, expect, it } from "vitest";
import { backoffDelayMs } from "./backoff";

describe("backoffDelayMs", () => {
  it.each([
    { failures: 1, random: 0, expected: 500 },
    { failures: 1, random: 1, expected: 2000 },
    { failures: 3, random: 1, expected: 8000 },
    { failures: 30, random: 1, expected: 60_000 },
    { failures: 30, random: 0, expected: 500 },
  ])("failure $failures, random $random -> $expected ms", ({ failures, random, expected }) => {
    expect(backoffDelayMs(failures, 1000, 60_000, () => random)).toBe(expected);
  });
});
