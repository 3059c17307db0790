import { describe, expect, it } from "vitest";
import { certificateBars, rollupSeries } from "./chart-series";

const H = 3_600_000;
const row = (
  vantageId: string,
  transport: string,
  bucketStart: number,
  runs: number,
  successes: number,
  p50Ms: number | null,
) => ({
  vantageId,
  transport,
  bucketStart,
  runs,
  successes,
  p50Ms,
  p95Ms: p50Ms === null ? null : p50Ms * 2,
  p99Ms: p50Ms === null ? null : p50Ms * 3,
  meanMs: p50Ms,
});

describe("rollupSeries", () => {
  const rows = [
    row("region:weur", "tls", 0, 12, 12, 40),
    row("region:weur", "all", 0, 12, 12, null),
    row("region:enam", "tls", 0, 12, 6, 95),
    row("region:weur", "tls", H, 12, 9, 42),
    // enam has no bucket at H: its line must break there, not drop to zero.
  ];

  it("makes one availability line per region x transport, with the overall line", () => {
    const data = rollupSeries(rows, "availability", { includeOverall: true });
    expect(data.series.map((s) => s.key)).toEqual(["enam TLS", "weur overall", "weur TLS"]);
    expect(data.points).toEqual([
      { t: 0, "enam TLS": 50, "weur TLS": 100, "weur overall": 100 },
      { t: H, "enam TLS": null, "weur TLS": 75, "weur overall": null },
    ]);
  });

  it("plots median round trips without the overall line", () => {
    const data = rollupSeries(rows, "p50", { includeOverall: false });
    expect(data.series.map((s) => s.key)).toEqual(["enam TLS", "weur TLS"]);
    expect(data.points[0]).toEqual({ t: 0, "enam TLS": 95, "weur TLS": 40 });
  });

  it("plots the p95 and p99 from the buckets' histograms", () => {
    expect(rollupSeries(rows, "p95", { includeOverall: false }).points[0]).toEqual({
      t: 0,
      "enam TLS": 190,
      "weur TLS": 80,
    });
    expect(rollupSeries(rows, "p99", { includeOverall: false }).points[0]).toEqual({
      t: 0,
      "enam TLS": 285,
      "weur TLS": 120,
    });
  });
});

describe("certificateBars", () => {
  it("lists each TLS target once, with its soonest expiry, soonest first", () => {
    const day = 86_400_000;
    const bars = certificateBars([
      {
        startedAt: 0,
        targets: [
          { host: "sip1.example.com", port: 5061, certDaysLeft: 40 },
          { host: "sip2.example.com", port: 5061, certDaysLeft: -3 },
        ],
      },
      {
        startedAt: 0,
        targets: [
          { host: "sip1.example.com", port: 5061, certDaysLeft: 39 },
          { host: "sip1.example.com", port: 5060, certDaysLeft: null },
        ],
      },
    ]);
    expect(bars).toEqual([
      { target: "sip2.example.com:5061", daysLeft: -3, expiresAt: -3 * day },
      { target: "sip1.example.com:5061", daysLeft: 39, expiresAt: 39 * day },
    ]);
  });
});
