import { createRoute, z } from "@hono/zod-openapi";
import {
  type MonitorHealth,
  type MuteScope,
  monitorHealth,
  unmutedOpenFindings,
  vantageStatusesWithMutes,
  worstFinding,
} from "@sipwatch/core";
import type { Db } from "@sipwatch/db";
import {
  hourlyAvailabilityOfMonitors,
  listAgents,
  listMonitors,
  type MonitorRow,
  mutesInForceOfOrganisation,
  type OpenFindingBrief,
  type OverviewRow,
  openFindingsOfOrganisation,
  overviewOfOrganisation,
} from "@sipwatch/db";
import { problemResponses } from "../problem";
import { createRouter, jsonResponse as json } from "../router";
import { TRANSPORTS } from "./monitor-schemas";

const HOUR_MS = 3_600_000;
const SPARKLINE_HOURS = 24;

const TransportState = z.object({ ok: z.boolean(), ms: z.number().nullable() });

const OverviewMonitorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    target: z.string(),
    enabled: z.boolean(),
    isPublic: z.boolean(),
    slug: z.string().nullable(),
    intervalMinutes: z.number().int(),
    expectedTransports: z.array(z.enum(TRANSPORTS)),
    health: z.enum(["healthy", "degraded", "down", "pending", "paused"]),
    worstFinding: z
      .object({ findingId: z.string(), severity: z.enum(["critical", "warning", "info"]), title: z.string() })
      .nullable(),
    openFindings: z.number().int().openapi({ description: "Open findings that count (muted ones left out)" }),
    mutedFindings: z.number().int().openapi({ description: "Open findings that a mute keeps from counting" }),
    certDaysLeft: z.number().int().nullable().openapi({ description: "The soonest leaf expiry seen from any vantage" }),
    lastCheckedAt: z.number().int().nullable(),
    vantages: z.array(
      z.object({
        vantageId: z.string(),
        label: z.string(),
        startedAt: z.number().int(),
        status: z.string(),
        transports: z.record(z.string(), TransportState),
      }),
    ),
  })
  .openapi("OverviewMonitor");

const OverviewSchema = z.object({ monitors: z.array(OverviewMonitorSchema) }).openapi("Overview");

const AvailabilitySchema = z
  .object({
    from: z.number().int(),
    hours: z.number().int(),
    monitors: z.record(
      z.string(),
      z
        .array(z.number().nullable())
        .openapi({ description: "Availability 0..1 per hour, oldest first; null: no runs" }),
    ),
  })
  .openapi("OverviewAvailability");

const overview = createRoute({
  method: "get",
  path: "/overview",
  tags: ["overview"],
  summary: "Every monitor with its health, worst finding, transports per vantage and certificate days left",
  responses: { 200: json(OverviewSchema, "The overview"), ...problemResponses(401) },
});

const availability = createRoute({
  method: "get",
  path: "/overview/availability",
  tags: ["overview"],
  summary: "Hourly availability of every monitor over the last 24 hours, for sparklines",
  responses: { 200: json(AvailabilitySchema, "Sparklines"), ...problemResponses(401) },
});

// The monitor cap per organisation (1,000 by default) bounds this; pages keep each read small.
async function allMonitors(db: Db, organisationId: string): Promise<MonitorRow[]> {
  const all: MonitorRow[] = [];
  let after: string | undefined;
  do {
    const page = await listMonitors(db, organisationId, { limit: 1000, after });
    all.push(...page.monitors);
    after = page.nextCursor ?? undefined;
  } while (after);
  return all;
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
};

/** Muted findings neither lower the health nor count as open; each vantage's status is judged without them. */
function overviewOf(
  monitor: MonitorRow,
  stored: readonly OverviewRow[],
  all: readonly OpenFindingBrief[],
  labels: Map<string, string>,
  mutes: readonly MuteScope[],
  now: number,
) {
  const runs = vantageStatusesWithMutes(stored, all, mutes, now);
  const open = unmutedOpenFindings(all, mutes, now);
  const health: MonitorHealth = monitorHealth({
    enabled: monitor.enabled,
    vantages: runs,
    openFindings: open.map((f) => f.severity),
  });
  const worst = worstFinding(open);
  const days = runs.map((r) => r.certDaysLeft).filter((d): d is number => d !== null);
  return {
    id: monitor.id,
    name: monitor.name,
    target: monitor.target,
    enabled: monitor.enabled,
    isPublic: monitor.isPublic,
    slug: monitor.slug,
    intervalMinutes: monitor.intervalMinutes,
    expectedTransports: monitor.expectedTransports,
    health,
    worstFinding: worst ? { findingId: worst.findingId, severity: worst.severity, title: worst.title } : null,
    openFindings: open.length,
    mutedFindings: all.length - open.length,
    certDaysLeft: days.length > 0 ? Math.min(...days) : null,
    lastCheckedAt: runs.reduce<number | null>((max, r) => Math.max(max ?? 0, r.startedAt), null),
    vantages: runs.map((r) => ({
      vantageId: r.vantageId,
      label: labels.get(r.vantageId) ?? r.vantageId.replace(/^region:/, ""),
      startedAt: r.startedAt,
      status: r.status,
      transports: Object.fromEntries(
        Object.entries(r.transports).flatMap(([t, s]) => (s ? [[t, { ok: s.ok, ms: s.ms }]] : [])),
      ),
    })),
  };
}

/** The dashboard's first screen, in two reads: the list now, the sparklines right after. Mounted under /api/v1. */
export const overviewRoutes = createRouter()
  .openapi(overview, async (c) => {
    const { services, caller } = c.var;
    const org = caller.organisationId;
    // The control database names the monitors and agents; the shard's rows are the organisation's
    // (organisation_id), read side by side with them: one round trip's wait instead of two.
    const history = await services.historyDbOf(org);
    const now = Date.now();
    const [monitors, agents, runs, open, mutes] = await Promise.all([
      allMonitors(services.db, org),
      listAgents(services.db, org),
      overviewOfOrganisation(history, org),
      openFindingsOfOrganisation(history, org),
      mutesInForceOfOrganisation(services.db, org, now),
    ]);
    const agentIds = new Set(agents.map((a) => a.id));
    const regionsOf = new Map(monitors.map((m) => [m.id, new Set(m.regions.map((r) => `region:${r}`))]));
    // The vantages that speak for a monitor now: its own regions and the organisation's agents.
    const current = runs.filter((r) => agentIds.has(r.vantageId) || regionsOf.get(r.monitorId)?.has(r.vantageId));
    const runsOf = groupBy(current, (r) => r.monitorId);
    const openOf = groupBy(open, (f) => f.monitorId);
    const labels = new Map(agents.map((a) => [a.id, `agent ${a.name}`]));
    return c.json(
      {
        monitors: monitors.map((m) =>
          overviewOf(m, runsOf.get(m.id) ?? [], openOf.get(m.id) ?? [], labels, mutes.get(m.id) ?? [], now),
        ),
      },
      200,
    );
  })
  .openapi(availability, async (c) => {
    const { services, caller } = c.var;
    // Whole hours: the current one is still being counted.
    const from = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - SPARKLINE_HOURS * HOUR_MS;
    const monitors = await allMonitors(services.db, caller.organisationId);
    const points = await hourlyAvailabilityOfMonitors(
      await services.historyDbOf(caller.organisationId),
      monitors.map((m) => m.id),
      from,
    );
    const series: Record<string, Array<number | null>> = {};
    for (const p of points) {
      const line = series[p.monitorId] ?? new Array<number | null>(SPARKLINE_HOURS).fill(null);
      const hour = Math.floor((p.bucketStart - from) / HOUR_MS);
      if (hour >= 0 && hour < SPARKLINE_HOURS && p.runs > 0) line[hour] = p.successes / p.runs;
      series[p.monitorId] = line;
    }
    return c.json({ from, hours: SPARKLINE_HOURS, monitors: series }, 200);
  });
