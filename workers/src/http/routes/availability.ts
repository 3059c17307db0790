import { createRoute, z } from "@hono/zod-openapi";
import {
  availabilityCsv,
  availabilityReport,
  MONTH_PATTERN,
  monthRange,
  monthsBetween,
  REPORT_MONTHS_MAX,
} from "@sipwatch/core";
import { incidentSpansOfMonitor, monthlyCountsOfMonitor } from "@sipwatch/db";
import { findOwnedMonitor } from "../owned-monitor";
import { problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams } from "../router";

const month = z.string().regex(MONTH_PATTERN, "must be a month, YYYY-MM");

const AvailabilityQuery = z.object({
  from: month.optional().openapi({ description: "First month (default: 11 months before `to`)", example: "2026-01" }),
  to: month.optional().openapi({ description: "Last month, included (default: this month)", example: "2026-12" }),
  format: z.enum(["json", "csv"]).optional().openapi({ description: "csv, or send Accept: text/csv" }),
});

const AvailabilityRowSchema = z
  .object({
    month: z.string().openapi({ example: "2026-11" }),
    scope: z.string().openapi({ description: '"overall" or a region id', example: "weur" }),
    runs: z.number().int(),
    successes: z.number().int(),
    availability: z.number().nullable().openapi({ description: "0..1; null for a month without runs" }),
    incidentMinutes: z.number().int(),
  })
  .openapi("AvailabilityRow");

const AvailabilityReportSchema = z
  .object({ from: z.string(), to: z.string(), rows: z.array(AvailabilityRowSchema) })
  .openapi("AvailabilityReport");

const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

/**
 * A monitor's availability report (issue 16): per month, overall and per region, with incident
 * minutes, from the daily rollups summed per month in SQL and the incident rows.
 */
export const availabilityRoutes = createRouter().openapi(
  createRoute({
    method: "get",
    path: "/monitors/{id}/availability",
    tags: ["monitors"],
    summary: "Monthly availability and incident minutes, overall and per region (JSON or CSV)",
    request: { params: IdParams, query: AvailabilityQuery },
    responses: {
      200: {
        description: "The report",
        content: {
          "application/json": { schema: AvailabilityReportSchema },
          "text/csv": {
            schema: z.string().openapi({ example: "month,scope,runs,successes,availability_percent,incident_minutes" }),
          },
        },
      },
      ...problemResponses(400, 401, 404),
    },
  }),
  async (c) => {
    const monitor = await findOwnedMonitor(c, c.req.valid("param").id);
    const query = c.req.valid("query");
    const now = Date.now();
    const to = query.to ?? monthOf(now);
    const from = query.from ?? monthOf(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 12, 1));
    if (from > to) throw validationProblem([{ field: "from", message: "must not be after to" }]);
    const months = monthsBetween(from, to);
    if (months.length > REPORT_MONTHS_MAX) {
      throw validationProblem([{ field: "from", message: `the report spans at most ${REPORT_MONTHS_MAX} months` }]);
    }
    const start = monthRange(from).start;
    const end = monthRange(to).end;
    const history = await c.var.services.historyDbOf(monitor.organisationId);
    const [counts, incidents] = await Promise.all([
      monthlyCountsOfMonitor(history, monitor.id, start, end),
      incidentSpansOfMonitor(c.var.services.db, monitor.id, start, end),
    ]);
    const rows = availabilityReport(months, counts, incidents, now);
    const wantsCsv = query.format === "csv" || (!query.format && (c.req.header("accept") ?? "").includes("text/csv"));
    if (wantsCsv) {
      return c.body(availabilityCsv(rows), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="availability-${monitor.slug ?? monitor.id}-${from}-${to}.csv"`,
      });
    }
    return c.json({ from, to, rows }, 200);
  },
);
