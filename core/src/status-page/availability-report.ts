import { REGION_IDS } from "../catalogue/regions";

/** "2026-11": the month pattern the availability report's `from` and `to` take. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A report spans at most this many months: 3 years of daily rollups is more than they keep. */
export const REPORT_MONTHS_MAX = 36;

/** Daily rollups of one monitor summed per month and vantage (one SQL group, not per day). */
export interface MonthlyCount {
  month: string;
  vantageId: string;
  runs: number;
  successes: number;
}

export interface IncidentSpan {
  openedAt: number;
  /** Null while the incident is still open: it counts up to `now`. */
  resolvedAt: number | null;
  vantageIds: readonly string[];
}

export interface AvailabilityReportRow {
  month: string;
  /** "overall", or a region id. */
  scope: string;
  runs: number;
  successes: number;
  availability: number | null;
  incidentMinutes: number;
}

/** [start, end) of a "YYYY-MM" month in epoch ms, UTC. */
export function monthRange(month: string): { start: number; end: number } {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new Error(`not a month: ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { start: Date.UTC(year, index, 1), end: Date.UTC(year, index + 1, 1) };
}

/** The months from `from` to `to`, both included: `monthsBetween("2026-11", "2027-01")` -> 3 months. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let at = monthRange(from).start; at <= monthRange(to).start; ) {
    out.push(new Date(at).toISOString().slice(0, 7));
    at = monthRange(out.at(-1) ?? from).end;
  }
  return out;
}

/** Minutes covered by the union of the spans inside [start, end): overlapping incidents count once. */
function coveredMinutes(spans: ReadonlyArray<[number, number]>, start: number, end: number): number {
  const clipped = spans
    .map(([a, b]): [number, number] => [Math.max(a, start), Math.min(b, end)])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [curA, curB] = [Number.NaN, Number.NaN];
  for (const [a, b] of clipped) {
    if (Number.isNaN(curA) || a > curB) {
      if (!Number.isNaN(curA)) total += curB - curA;
      [curA, curB] = [a, b];
    } else curB = Math.max(curB, b);
  }
  if (!Number.isNaN(curA)) total += curB - curA;
  return Math.round(total / 60_000);
}

/**
 * Monthly availability and incident minutes, overall and per cloud region, from monthly sums of
 * the daily rollups (so a year costs what a month does: the rows grow with months x regions) and
 * the incidents that overlap the months. Agents' vantages count in "overall" only: they are the
 * customer's own network, not a region. A region's incident minutes are those of incidents that
 * involved it.
 */
export function availabilityReport(
  months: readonly string[],
  counts: readonly MonthlyCount[],
  incidents: readonly IncidentSpan[],
  now: number,
): AvailabilityReportRow[] {
  const spanOf = (i: IncidentSpan): [number, number] => [i.openedAt, i.resolvedAt ?? now];
  const regionsSeen = new Set<string>();
  for (const c of counts) if (c.vantageId.startsWith("region:")) regionsSeen.add(c.vantageId.slice(7));
  for (const i of incidents) for (const v of i.vantageIds) if (v.startsWith("region:")) regionsSeen.add(v.slice(7));
  const order = (r: string) => {
    const at = (REGION_IDS as readonly string[]).indexOf(r);
    return at < 0 ? REGION_IDS.length : at;
  };
  const regions = [...regionsSeen].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  return months.flatMap((month) => {
    const { start, end } = monthRange(month);
    const row = (scope: string, rows: readonly MonthlyCount[], spans: readonly IncidentSpan[]) => {
      const runs = rows.reduce((n, r) => n + Number(r.runs), 0);
      const successes = rows.reduce((n, r) => n + Number(r.successes), 0);
      return {
        month,
        scope,
        runs,
        successes,
        availability: runs > 0 ? Math.min(1, successes / runs) : null,
        incidentMinutes: coveredMinutes(spans.map(spanOf), start, Math.min(end, Math.max(start, now))),
      };
    };
    const ofMonth = counts.filter((c) => c.month === month);
    return [
      row("overall", ofMonth, incidents),
      ...regions.map((r) =>
        row(
          r,
          ofMonth.filter((c) => c.vantageId === `region:${r}`),
          incidents.filter((i) => i.vantageIds.includes(`region:${r}`)),
        ),
      ),
    ];
  });
}

/** RFC 4180 CSV of the report, one row per month and scope. */
export function availabilityCsv(rows: readonly AvailabilityReportRow[]): string {
  const lines = ["month,scope,runs,successes,availability_percent,incident_minutes"];
  for (const r of rows) {
    const pct = r.availability === null ? "" : (r.availability * 100).toFixed(3);
    lines.push([r.month, r.scope, r.runs, r.successes, pct, r.incidentMinutes].join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
