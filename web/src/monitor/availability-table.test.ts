import { describe, expect, it } from "vitest";
import { availabilityTable, defaultReportMonths, reportCell } from "./availability-table";

describe("availabilityTable", () => {
  const row = (month: string, scope: string, availability: number | null, incidentMinutes = 0) => ({
    month,
    scope,
    runs: availability === null ? 0 : 100,
    successes: availability === null ? 0 : Math.round(availability * 100),
    availability,
    incidentMinutes,
  });

  it("puts overall first, months newest first, and says when a month had no runs", () => {
    const table = availabilityTable([
      row("2026-10", "overall", 0.99, 30),
      row("2026-10", "weur", 0.99, 30),
      row("2026-11", "overall", null),
      row("2026-11", "weur", null),
    ]);
    expect(table.scopes).toEqual([
      { id: "overall", label: "Overall" },
      { id: "weur", label: "Western Europe" },
    ]);
    expect(table.months).toEqual([
      { month: "2026-11", cells: ["no runs", "no runs"] },
      { month: "2026-10", cells: ["99.000% · 30 min of incidents", "99.000% · 30 min of incidents"] },
    ]);
  });

  it("formats one cell and defaults to the last 12 months", () => {
    expect(reportCell(row("2026-10", "overall", 1))).toBe("100.000%");
    expect(defaultReportMonths(new Date("2026-12-06T01:00:00Z"))).toEqual({ from: "2026-01", to: "2026-12" });
  });
});
