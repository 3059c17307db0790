/** A span as the history API returns it (GET /monitors/{id}/history/spans). */
export interface SpanRow {
  vantageId: string;
  from: number;
  to: number;
  runs: number;
  status: string;
  open: boolean;
}

/** "4 min", "3 h", "2 days": how long a span lasted, from its first to its last run. */
export function spanLength(ms: number): string {
  const m = Math.round(ms / 60_000);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  if (h < 48) return `${h} h`;
  return `${Math.round(h / 24)} days`;
}

/**
 * One line of the run list: "unchanged for 3 h, 180 runs" for a span of many runs (and "so far"
 * while it is the current one), "1 run" for a change that lasted one run.
 */
export function spanText(span: Pick<SpanRow, "from" | "to" | "runs" | "open">): string {
  const runs = `${span.runs.toLocaleString("en")} run${span.runs === 1 ? "" : "s"}`;
  if (span.runs <= 1) return runs;
  return `unchanged for ${spanLength(span.to - span.from)}${span.open ? " so far" : ""}, ${runs}`;
}
