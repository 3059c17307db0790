import type { DailyBar } from "../contract/status-page";

const DAY_MS = 86_400_000;

/** Days a status page shows bars for (the daily rollups keep 400). */
export const STATUS_PAGE_DAYS = 90;

/** A daily rollup row as the page reads it: every region of one monitor summed per day. */
export interface DailyCount {
  bucketStart: number;
  runs: number;
  successes: number;
}

/**
 * One bar per UTC day for the `days` days ending with today, oldest first; a day without runs is
 * null (no data), not 100%. Also the availability over the window.
 * `dailyBars([{ bucketStart: today, runs: 4, successes: 3 }], now).bars.at(-1)` -> availability 0.75
 */
export function dailyBars(
  counts: readonly DailyCount[],
  now: number,
  days = STATUS_PAGE_DAYS,
): { bars: DailyBar[]; availability: number | null } {
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const first = today - (days - 1) * DAY_MS;
  const byDay = new Map<number, { runs: number; successes: number }>();
  for (const c of counts) {
    const day = Math.floor(c.bucketStart / DAY_MS) * DAY_MS;
    if (day < first || day > today) continue;
    const was = byDay.get(day) ?? { runs: 0, successes: 0 };
    byDay.set(day, { runs: was.runs + c.runs, successes: was.successes + c.successes });
  }
  let runs = 0;
  let successes = 0;
  const bars: DailyBar[] = [];
  for (let day = first; day <= today; day += DAY_MS) {
    const c = byDay.get(day);
    runs += c?.runs ?? 0;
    successes += c?.successes ?? 0;
    bars.push({
      day: new Date(day).toISOString().slice(0, 10),
      availability: c && c.runs > 0 ? Math.min(1, c.successes / c.runs) : null,
    });
  }
  return { bars, availability: runs > 0 ? Math.min(1, successes / runs) : null };
}
