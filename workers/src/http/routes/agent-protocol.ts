import { createRoute, type z } from "@hono/zod-openapi";
import { type Finding, recordSetsHash, responseHandlingOf } from "@sipwatch/core";
import { checkAgentFindings } from "@sipwatch/core/contract";
import {
  agentJobs,
  type CredentialRow,
  credentialsOf,
  isUniqueViolation,
  ownedMonitorIds,
  reportKey,
  storedReportIds,
} from "@sipwatch/db";
import { enqueueAgentAlerts } from "../../alerts/enqueue-agent-alerts";
import type { AuditResult } from "../../probing/audit-job";
import { storeResults } from "../../probing/store-results";
import type { AgentCaller } from "../context";
import { authenticateAgent } from "../middleware/authenticate-agent";
import { problemResponses } from "../problem";
import { createRouter, jsonBody, jsonResponse } from "../router";
import {
  AgentJobsPageSchema,
  AgentJobsQuery,
  type AgentReport,
  AgentReportBatchSchema,
  type ReportOutcomeSchema,
  ReportOutcomesSchema,
} from "./agent-report-schemas";

/** How often agents are asked to fetch their jobs; each job carries its own audit interval. */
const AGENT_POLL_SECONDS = 60;
/**
 * Agents' clocks drift a little; a report from further ahead than this is a broken clock, and
 * stored, it would become the "latest" run and hide the agent's real results (and alerts).
 */
const FUTURE_SKEW_MS = 2 * 60 * 1000;

type Outcome = z.infer<typeof ReportOutcomeSchema>;

/** The test account as an agent sees it: who to register as and where the password is, never the password. */
function registrationOf(row: CredentialRow | undefined) {
  if (!row) return null;
  return {
    source: row.source,
    user: row.user,
    authUser: row.authUser,
    domain: row.domain,
    outboundProxy: row.outboundProxy,
    expectContact: row.expectContact,
  };
}

/**
 * The protocol agents speak, with their own token (middleware/authenticate-agent.ts): fetch
 * jobs, post reports. Mounted before the API's authentication, which would refuse swa_ tokens.
 */
export const agentProtocolRoutes = createRouter();
agentProtocolRoutes.use("/agent/*", authenticateAgent);
// Batches of reports are bounded by middleware/request-guards.ts (AGENT_REPORTS_MAX_BYTES).

agentProtocolRoutes
  .openapi(
    createRoute({
      method: "get",
      path: "/agent/jobs",
      tags: ["agent protocol"],
      summary: "The monitors this agent audits (every enabled monitor of its organisation), a page at a time",
      request: { query: AgentJobsQuery },
      responses: {
        200: jsonResponse(AgentJobsPageSchema, "Jobs"),
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { limit, cursor } = c.req.valid("query");
      const page = await agentJobs(c.var.services.db, c.var.agent.organisationId, { limit, after: cursor });
      const accounts = await credentialsOf(
        c.var.services.db,
        page.jobs.map((m) => m.id),
      );
      const jobs = page.jobs.map((m) => ({
        monitorId: m.id,
        target: m.target,
        expectedTransports: m.expectedTransports,
        slowMs: m.thresholds.slowMs,
        // The edge runs a monitor in minutes m where (m + phase) % interval == 0 (db schema);
        // in seconds, so the agent's audits land in the same minutes as the regions'.
        intervalSeconds: m.intervalMinutes * 60,
        phaseSeconds: m.phaseMinute * 60,
        responseHandling: responseHandlingOf(m.responseHandling),
        registration: registrationOf(accounts.get(m.id)),
      }));
      return c.json({ jobs, intervalSeconds: AGENT_POLL_SECONDS, nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/agent/reports",
      tags: ["agent protocol"],
      summary: "Store a batch of the agent's reports; each is stored, a duplicate, or rejected with a reason",
      request: { body: jsonBody(AgentReportBatchSchema) },
      responses: {
        200: jsonResponse(ReportOutcomesSchema, "Per report"),
        ...problemResponses(400, 401),
      },
    }),
    async (c) => {
      const { reports } = c.req.valid("json");
      const { db, config } = c.var.services;
      // Refused with 503 while the organisation's shard is down or moving: the agent keeps the
      // reports in its offline queue and sends them again.
      const history = await c.var.services.historyDbOf(c.var.agent.organisationId, { write: true });
      const results = await storeAgentReports(
        { control: db, history },
        c.var.agent,
        reports,
        config.retentionDays * 86_400_000,
      );
      return c.json({ results }, 200);
    },
  );

type Db = Parameters<typeof storeResults>[0];

/** Checks, deduplicates and stores a batch; the outcomes are in the order the reports came. */
async function storeAgentReports(
  { control: db, history }: { control: Db; history: Db },
  agent: AgentCaller,
  reports: readonly AgentReport[],
  retentionMs: number,
): Promise<Outcome[]> {
  const owned = await ownedMonitorIds(
    db,
    agent.organisationId,
    reports.map((r) => r.monitorId),
  );
  const now = Date.now();
  const checked = await Promise.all(reports.map((r) => rejection(r, owned, { now, retentionMs })));
  // Each finding's evidence against its id's schema: an odd one is dropped with a note, the run kept.
  const findings = reports.map((r) => checkAgentFindings(r.findings));
  for (let attempt = 0; ; attempt++) {
    const outcomes = classify(reports, checked, await storedReportIds(history, agent.agentId, reports)).map(
      (outcome, i) => {
        const notes = findings[i]?.notes ?? [];
        return outcome.status === "stored" && notes.length > 0 ? { ...outcome, notes } : outcome;
      },
    );
    const toStore = reports.flatMap((r, i) =>
      outcomes[i]?.status === "stored" ? [auditResultOf(r, findings[i]?.findings ?? [], agent)] : [],
    );
    try {
      for (const layer of oneReportPerMonitor(toStore))
        await storeResults(history, layer, {
          organisationOf: () => agent.organisationId,
          control: db,
        });
    } catch (error) {
      // The same report sent twice at once: the other request stored it first (its span or its
      // findings break a unique index); look again, it is now a duplicate.
      const raced = isUniqueViolation(error, "state_span.monitor_id") || isUniqueViolation(error, "finding.monitor_id");
      if (attempt > 0 || !raced) throw error;
      continue;
    }
    await alertOn(db, agent, toStore);
    return outcomes;
  }
}

/**
 * The reports in layers holding at most one report per monitor, oldest first. storeResults reads
 * a vantage's open findings once per call, so two reports of one agent for one monitor in one
 * call (an offline queue flushed at once) would both open the same finding and break its unique
 * index; layer by layer, each report sees what the one before it opened or resolved.
 */
function oneReportPerMonitor(results: readonly AuditResult[]): AuditResult[][] {
  const layers: AuditResult[][] = [];
  const seen = new Map<string, number>();
  for (const result of [...results].sort((a, b) => a.startedAt - b.startedAt)) {
    const depth = seen.get(result.monitorId) ?? 0;
    seen.set(result.monitorId, depth + 1);
    const layer = layers[depth] ?? [];
    layer.push(result);
    layers[depth] = layer;
  }
  return layers;
}

/**
 * The stored reports go through the alert policy like the regions' rounds. After they are
 * stored: an alert failing must not lose a report, nor make the agent send it again.
 */
async function alertOn(db: Db, agent: AgentCaller, stored: readonly AuditResult[]): Promise<void> {
  try {
    await enqueueAgentAlerts(db, agent, stored, Date.now());
  } catch (error) {
    console.error(JSON.stringify({ event: "agent-alerts-failed", agentId: agent.agentId, error: String(error) }));
  }
}

/** Why a report cannot be stored, or null. */
async function rejection(
  report: AgentReport,
  owned: Set<string>,
  clock: { now: number; retentionMs: number },
): Promise<string | null> {
  // Another organisation's monitor answers exactly like a missing one.
  if (!owned.has(report.monitorId)) return `no monitor ${report.monitorId}`;
  if (report.startedAt > clock.now + FUTURE_SKEW_MS) return "startedAt is in the future: check the agent's clock";
  if (report.startedAt < clock.now - clock.retentionMs) {
    return "startedAt is older than the retention window: the run would be deleted at once";
  }
  if ((report.recordSets === null) !== (report.hash === null))
    return "recordSets and hash must both be present or both null";
  if (report.recordSets && report.hash !== (await recordSetsHash(report.recordSets))) {
    return "hash does not match recordSets";
  }
  return null;
}

function classify(
  reports: readonly AgentReport[],
  checked: readonly (string | null)[],
  stored: Set<string>,
): Outcome[] {
  const seen = new Set<string>();
  return reports.map((r, i) => {
    const reason = checked[i];
    if (reason) return { reportId: r.reportId, status: "rejected", reason };
    const key = reportKey(r);
    if (stored.has(key) || seen.has(key)) return { reportId: r.reportId, status: "duplicate" };
    seen.add(key);
    return { reportId: r.reportId, status: "stored" };
  });
}

function auditResultOf(report: AgentReport, findings: Finding[], agent: AgentCaller): AuditResult {
  return {
    monitorId: report.monitorId,
    vantageId: agent.agentId,
    reportId: report.reportId,
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    summary: report.summary,
    recordSets: report.recordSets,
    hash: report.hash,
    resolution: report.resolution,
    findings,
  };
}
