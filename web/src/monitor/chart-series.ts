import type { Schemas } from "../api/client";

/** A rollup bucket as the history API documents it (p99Ms null for buckets kept from before histograms). */
type RollupBucket = Schemas["RollupBucket"];

export type Percentile = "p50" | "p95" | "p99";

export interface Series {
  /** "weur TLS" */
  key: string;
  vantageId: string;
  transport: string;
}

export interface ChartData {
  series: Series[];
  /** One point per bucket: { t, "weur TLS": value | null, ... } as recharts wants. */
  points: Array<Record<string, number | null>>;
}

const label = (r: { vantageId: string; transport: string }) =>
  `${r.vantageId.replace(/^region:/, "")} ${r.transport === "all" ? "overall" : r.transport.toUpperCase()}`;

/**
 * Rollup rows to one line per vantage x transport. `measure` picks availability (0..100 %) or
 * a round-trip percentile; a bucket a series has no row for stays null, so the line breaks
 * instead of pretending the service was down.
 */
export function rollupSeries(
  rows: readonly RollupBucket[],
  measure: "availability" | Percentile,
  options: { includeOverall: boolean },
): ChartData {
  const series = new Map<string, Series>();
  const buckets = new Map<number, Record<string, number | null>>();
  for (const row of rows) {
    if (row.transport === "all" && !options.includeOverall) continue;
    const key = label(row);
    if (!series.has(key)) series.set(key, { key, vantageId: row.vantageId, transport: row.transport });
    const point = buckets.get(row.bucketStart) ?? { t: row.bucketStart };
    point[key] =
      measure === "availability"
        ? row.runs > 0
          ? Math.round((row.successes / row.runs) * 1000) / 10
          : null
        : measure === "p50"
          ? row.p50Ms
          : measure === "p95"
            ? row.p95Ms
            : (row.p99Ms ?? null);
    buckets.set(row.bucketStart, point);
  }
  const keys = [...series.keys()];
  const points = [...buckets.values()]
    .sort((a, b) => (a.t ?? 0) - (b.t ?? 0))
    .map((p) => Object.fromEntries([["t", p.t ?? null], ...keys.map((k) => [k, p[k] ?? null])]));
  return { series: [...series.values()].sort((a, b) => a.key.localeCompare(b.key)), points };
}

export interface CertificateBar {
  target: string;
  daysLeft: number;
  /** The day it expires, from the run that read it. */
  expiresAt: number;
}

const DAY = 86_400_000;

/** Each TLS target's certificate, soonest expiry first, from the latest runs (the timeline's bars). */
export function certificateBars(
  runs: ReadonlyArray<{
    startedAt: number;
    targets: ReadonlyArray<{ host: string; port: number; certDaysLeft: number | null }>;
  }>,
): CertificateBar[] {
  const seen = new Map<string, CertificateBar>();
  for (const run of runs) {
    for (const t of run.targets) {
      if (t.certDaysLeft === null) continue;
      const target = `${t.host}:${t.port}`;
      const bar = { target, daysLeft: t.certDaysLeft, expiresAt: run.startedAt + t.certDaysLeft * DAY };
      const known = seen.get(target);
      if (!known || bar.daysLeft < known.daysLeft) seen.set(target, bar);
    }
  }
  return [...seen.values()].sort((a, b) => a.daysLeft - b.daysLeft);
}
