import type { Schemas } from "../api/client";
import { REGION_LABELS } from "./monitor-form";

/** One month x scope of the availability report, as the API documents it. */
export type ReportRow = Schemas["AvailabilityRow"];

const month = (d: Date) => d.toISOString().slice(0, 7);

/** The last 12 months, this one included. */
export function defaultReportMonths(now: Date): { from: string; to: string } {
  return { from: month(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))), to: month(now) };
}

/** One cell: "99.950% · 12 min of incidents", or "no runs". */
export function reportCell(row: ReportRow | undefined): string {
  if (!row || row.availability === null)
    return row?.incidentMinutes ? `no runs · ${row.incidentMinutes} min` : "no runs";
  const pct = `${(row.availability * 100).toFixed(3)}%`;
  return row.incidentMinutes > 0 ? `${pct} · ${row.incidentMinutes} min of incidents` : pct;
}

/** The API's rows (month x scope) as a table: a column per scope, overall first, a row per month. */
export function availabilityTable(rows: readonly ReportRow[]) {
  const scopeIds = [...new Set(rows.map((r) => r.scope))].sort((a, b) =>
    a === "overall" ? -1 : b === "overall" ? 1 : 0,
  );
  const scopes = scopeIds.map((id) => ({
    id,
    label: id === "overall" ? "Overall" : (REGION_LABELS[id] ?? id),
  }));
  const months = [...new Set(rows.map((r) => r.month))]
    .sort()
    .reverse()
    .map((m) => ({
      month: m,
      cells: scopeIds.map((s) => reportCell(rows.find((r) => r.month === m && r.scope === s))),
    }));
  return { scopes, months };
}
