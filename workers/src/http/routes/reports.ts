import { createRoute, z } from "@hono/zod-openapi";
import { CROSS_VANTAGE_ID, muteInForce, muteOf, phonesOfRun, statusWithMutes } from "@sipwatch/core";
import {
  dnsChanges,
  type FindingMuteView,
  findingMutesOfMonitor,
  findingsTimeline,
  type LatestRun,
  latestRunsOfMonitor,
  type MonitorRow,
  openFindingsOfMonitor,
  rollupsInWindow,
  snapshotById,
  spansInRange,
} from "@sipwatch/db";
import { runMonitorNow } from "../../probing/run-now";
import { findOwnedMonitor } from "../owned-monitor";
import { problemResponses } from "../problem";
import { createRouter, jsonResponse as json } from "../router";
import { toMuteBrief } from "./mute-schemas";
import {
  DnsChangeSchema,
  FindingSchema,
  MonitorParams,
  ReportSchema,
  RollupBucketSchema,
  RollupsQuery,
  RunNowSchema,
  SpanSchema,
  SpansQuery,
} from "./report-schemas";

const problems = problemResponses(400, 401, 404);

const runNow = createRoute({
  method: "post",
  path: "/monitors/{id}/run",
  summary: "Audit the monitor now from each of its regions",
  request: { params: MonitorParams },
  responses: { 200: json(RunNowSchema, "Each region's result, stored like a scheduled run"), ...problems },
});
const latestReport = createRoute({
  method: "get",
  path: "/monitors/{id}/report",
  summary: "Latest report per vantage: run summary, DNS tree in force, open findings",
  request: { params: MonitorParams },
  responses: { 200: json(ReportSchema, "The latest report"), ...problems },
});
const spansHistory = createRoute({
  method: "get",
  path: "/monitors/{id}/history/spans",
  summary: "What each vantage saw in a time range, as spans of unchanged outcome (newest first, at most 2000)",
  request: { params: MonitorParams, query: SpansQuery },
  responses: {
    200: json(z.object({ from: z.number(), to: z.number(), spans: z.array(SpanSchema) }), "Spans"),
    ...problems,
  },
});
const rollupsHistory = createRoute({
  method: "get",
  path: "/monitors/{id}/history/rollups",
  summary: "Availability and round-trip buckets: hourly up to 7 days, daily beyond",
  request: { params: MonitorParams, query: RollupsQuery },
  responses: {
    200: json(
      z.object({
        granularity: z.enum(["hour", "day"]),
        from: z.number(),
        to: z.number(),
        buckets: z.array(RollupBucketSchema),
      }),
      "Buckets",
    ),
    ...problems,
  },
});
const dnsHistory = createRoute({
  method: "get",
  path: "/monitors/{id}/history/dns",
  summary: "DNS changes per vantage, newest first, each with its diff from the one before",
  request: { params: MonitorParams },
  responses: { 200: json(z.object({ changes: z.array(DnsChangeSchema) }), "Changes"), ...problems },
});
const findingsHistory = createRoute({
  method: "get",
  path: "/monitors/{id}/history/findings",
  summary: "Findings as a timeline: opened, last seen, resolved",
  request: { params: MonitorParams },
  responses: { 200: json(z.object({ findings: z.array(FindingSchema) }), "Timeline"), ...problems },
});

type FindingRow = Awaited<ReturnType<typeof openFindingsOfMonitor>>[number];

/**
 * The vantages that speak for a monitor now: its regions and any agent (as before spans, when
 * the latest runs were read per region of the monitor and per agent of its organisation).
 */
const currentVantages = (monitor: MonitorRow, runs: readonly LatestRun[]) =>
  runs.filter(
    (r) => !r.vantageId.startsWith("region:") || monitor.regions.includes(r.vantageId.slice("region:".length)),
  );

/**
 * While a finding is open, "last seen" is its vantage's latest run (nothing is written per run).
 * Checked against its id's evidence schema: agents' findings are checked as they arrive, so only
 * a row stored before that (an old or hostile agent) can fail; it is left out of the answer and
 * logged, never sent with a shape the API document does not promise.
 */
function findingView(
  row: FindingRow,
  latestRunAt: number | null,
  mutes: readonly FindingMuteView[] = [],
  now = 0,
): StoredFinding[] {
  const mute = mutes.length > 0 ? muteOf({ id: row.findingId, subject: row.subject }, mutes, now) : null;
  const view = FindingSchema.safeParse({
    vantageId: row.vantageId,
    findingId: row.findingId,
    subject: row.subject,
    severity: row.severity,
    title: row.title,
    detail: row.detail,
    fix: row.fix,
    evidence: row.evidence,
    openedAt: row.openedAt,
    lastSeenAt: row.resolvedAt === null ? (latestRunAt ?? row.openedAt) : row.lastSeenAt,
    resolvedAt: row.resolvedAt,
    mute: mute ? toMuteBrief(mute) : null,
  });
  if (view.success) return [view.data];
  const issue = view.error.issues[0];
  console.log(
    JSON.stringify({
      event: "finding-left-out",
      findingId: row.findingId,
      vantageId: row.vantageId,
      why: `${issue?.path.join(".") ?? ""}: ${issue?.message ?? "does not match its schema"}`,
    }),
  );
  return [];
}

/** Reports and history of one monitor; every query is scoped to the caller's organisation. Mounted under /api/v1. */
export const reportRoutes = createRouter()
  .openapi(runNow, async (c) => {
    const { services } = c.var;
    const { id } = c.req.valid("param");
    const monitor = await findOwnedMonitor(c, id);
    const results = await runMonitorNow(services, monitor);
    return c.json(
      {
        monitorId: id,
        reports: results.map((r) => ({
          vantageId: r.vantageId,
          startedAt: r.startedAt,
          durationMs: r.durationMs,
          summary: { ...r.summary },
          recordSets: r.recordSets,
          resolution: r.resolution ? { ...r.resolution } : null,
          findings: r.findings.map((f) => ({ ...f })),
        })),
      },
      200,
    );
  })
  .openapi(latestReport, async (c) => {
    const { services, caller } = c.var;
    const { id } = c.req.valid("param");
    const monitor = await findOwnedMonitor(c, id);
    const history = await services.historyDbOf(caller.organisationId);
    const now = Date.now();
    const [stored, open, allMutes] = await Promise.all([
      latestRunsOfMonitor(history, id),
      openFindingsOfMonitor(history, id),
      findingMutesOfMonitor(services.db, id),
    ]);
    const mutes = allMutes.filter((m) => muteInForce(m, now));
    const latest = currentVantages(monitor, stored);
    const newest = latest.reduce<number | null>((max, r) => Math.max(max ?? 0, r.startedAt), null);
    const vantages = await Promise.all(
      latest.map(async (run) => {
        const snapshot = run.snapshotId === null ? undefined : await snapshotById(history, id, run.snapshotId);
        const findings = open.filter((f) => f.vantageId === run.vantageId);
        const counted = findings.map((f) => ({ id: f.findingId, subject: f.subject, severity: f.severity }));
        return {
          vantageId: run.vantageId,
          status: statusWithMutes(run.status, counted, mutes, now),
          run: {
            vantageId: run.vantageId,
            startedAt: run.startedAt,
            durationMs: run.durationMs,
            status: run.status,
            summary: { ...run.summary },
          },
          unchanged: { since: run.spanStartedAt, runs: run.spanRuns },
          dns: snapshot
            ? {
                snapshotId: snapshot.id,
                takenAt: snapshot.takenAt,
                recordSets: snapshot.recordSets.map((s) => ({ ...s })),
                resolution: { ...snapshot.resolution },
              }
            : null,
          findings: findings.flatMap((f) => findingView(f, run.startedAt, mutes, now)),
          phones: snapshot ? phonesOfRun(snapshot.resolution, run.summary.targets) : [],
        };
      }),
    );
    const crossVantage = open
      .filter((f) => f.vantageId === CROSS_VANTAGE_ID)
      .flatMap((f) => findingView(f, newest, mutes, now));
    return c.json({ monitorId: id, vantages, crossVantage }, 200);
  })
  .openapi(spansHistory, async (c) => {
    const { services, caller } = c.var;
    const { id } = c.req.valid("param");
    const query = c.req.valid("query");
    await findOwnedMonitor(c, id);
    const to = query.to ?? Date.now();
    const from = query.from ?? to - 86_400_000;
    const spans = await spansInRange(await services.historyDbOf(caller.organisationId), id, from, to);
    return c.json({ from, to, spans: spans.map((s) => ({ ...s, summary: { ...s.summary } })) }, 200);
  })
  .openapi(rollupsHistory, async (c) => {
    const { services, caller } = c.var;
    const { id } = c.req.valid("param");
    await findOwnedMonitor(c, id);
    const { granularity, from, to, buckets } = await rollupsInWindow(
      await services.historyDbOf(caller.organisationId),
      id,
      c.req.valid("query").window,
      Date.now(),
    );
    return c.json({ granularity, from, to, buckets: buckets.map((b) => ({ ...b })) }, 200);
  })
  .openapi(dnsHistory, async (c) => {
    const { services, caller } = c.var;
    const { id } = c.req.valid("param");
    await findOwnedMonitor(c, id);
    const changes = await dnsChanges(await services.historyDbOf(caller.organisationId), id);
    return c.json({ changes: changes.map((change) => ({ ...change })) }, 200);
  })
  .openapi(findingsHistory, async (c) => {
    const { services, caller } = c.var;
    const { id } = c.req.valid("param");
    const monitor = await findOwnedMonitor(c, id);
    const history = await services.historyDbOf(caller.organisationId);
    const [rows, stored] = await Promise.all([findingsTimeline(history, id), latestRunsOfMonitor(history, id)]);
    const latest = currentVantages(monitor, stored);
    const latestAt = new Map(latest.map((r) => [r.vantageId, r.startedAt]));
    const newest = latest.reduce<number | null>((max, r) => Math.max(max ?? 0, r.startedAt), null);
    return c.json({ findings: rows.flatMap((f) => findingView(f, latestAt.get(f.vantageId) ?? newest)) }, 200);
  });

type StoredFinding = z.output<typeof FindingSchema>;
