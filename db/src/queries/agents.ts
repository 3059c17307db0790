import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../db";
import { vantagePoints, vantageStates } from "../schema/history";
import { monitors } from "../schema/monitors";
import { chunk } from "./batching";

export type AgentRow = typeof vantagePoints.$inferSelect;

/** How often an agent's "last seen" and version are written: it polls every minute or faster. */
export const AGENT_LAST_SEEN_RESOLUTION_MS = 60 * 1000;

const IDS_PER_READ = 90;

export async function insertAgent(
  db: Db,
  agent: { id: string; organisationId: string; name: string; tokenHash: string; createdAt: number },
): Promise<AgentRow> {
  const [row] = await db
    .insert(vantagePoints)
    .values({ ...agent, kind: "agent" })
    .returning();
  if (!row) throw new Error("inserting an agent returned no row");
  return row;
}

/** The organisation's agents, revoked ones included (their runs stay in the history), newest first. */
export async function listAgents(db: Db, organisationId: string): Promise<AgentRow[]> {
  return db
    .select()
    .from(vantagePoints)
    .where(and(eq(vantagePoints.organisationId, organisationId), eq(vantagePoints.kind, "agent")))
    .orderBy(desc(vantagePoints.createdAt), desc(vantagePoints.id));
}

/** Revokes one of the organisation's live agents; false when there is no such agent to revoke. */
export async function revokeAgent(db: Db, organisationId: string, agentId: string, now: number): Promise<boolean> {
  const revoked = await db
    .update(vantagePoints)
    .set({ revokedAt: now })
    .where(
      and(
        eq(vantagePoints.id, agentId),
        eq(vantagePoints.organisationId, organisationId),
        eq(vantagePoints.kind, "agent"),
        isNull(vantagePoints.revokedAt),
      ),
    )
    .returning({ id: vantagePoints.id });
  return revoked.length > 0;
}

/** An agent as useAgentToken found it, with when it was last seen and its version before this request. */
export type SeenAgent = AgentRow & { before: { lastSeenAt: number | null; version: string | null } };

/**
 * The live agent with this token hash, else null. Notes that it was seen (and its version) at
 * most once per AGENT_LAST_SEEN_RESOLUTION_MS, or at once when the version changed.
 */
export async function useAgentToken(
  db: Db,
  tokenHash: string,
  seen: { now: number; version: string | null },
): Promise<SeenAgent | null> {
  const [agent] = await db
    .select()
    .from(vantagePoints)
    .where(and(eq(vantagePoints.tokenHash, tokenHash), eq(vantagePoints.kind, "agent")))
    .limit(1);
  if (!agent || agent.revokedAt !== null || agent.organisationId === null) return null;
  const before = { lastSeenAt: agent.lastSeenAt, version: agent.version };
  const version = seen.version ?? agent.version;
  const stale = agent.lastSeenAt === null || seen.now - agent.lastSeenAt >= AGENT_LAST_SEEN_RESOLUTION_MS;
  if (stale || version !== agent.version) {
    await db.update(vantagePoints).set({ lastSeenAt: seen.now, version }).where(eq(vantagePoints.id, agent.id));
    return { ...agent, lastSeenAt: seen.now, version, before };
  }
  return { ...agent, before };
}

export type AgentJobRow = Pick<
  typeof monitors.$inferSelect,
  "id" | "target" | "expectedTransports" | "thresholds" | "intervalMinutes" | "phaseMinute" | "responseHandling"
>;

/**
 * What an agent audits: the enabled monitors of its organisation, a page at a time in id
 * order; `nextCursor` is the last id of a full page (null on the last page).
 */
export async function agentJobs(
  db: Db,
  organisationId: string,
  page: { limit: number; after?: string | undefined },
): Promise<{ jobs: AgentJobRow[]; nextCursor: string | null }> {
  const scope = and(eq(monitors.organisationId, organisationId), eq(monitors.enabled, true));
  const rows = await db
    .select({
      id: monitors.id,
      target: monitors.target,
      expectedTransports: monitors.expectedTransports,
      thresholds: monitors.thresholds,
      intervalMinutes: monitors.intervalMinutes,
      phaseMinute: monitors.phaseMinute,
      responseHandling: monitors.responseHandling,
    })
    .from(monitors)
    .where(page.after ? and(scope, gt(monitors.id, page.after)) : scope)
    .orderBy(monitors.id)
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const jobs = more ? rows.slice(0, page.limit) : rows;
  return { jobs, nextCursor: more ? (jobs.at(-1)?.id ?? null) : null };
}

/** Which of these monitor ids belong to the organisation. */
export async function ownedMonitorIds(db: Db, organisationId: string, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunk([...new Set(ids)], IDS_PER_READ)) {
    const rows = await db
      .select({ id: monitors.id })
      .from(monitors)
      .where(and(eq(monitors.organisationId, organisationId), inArray(monitors.id, part)));
    for (const row of rows) out.add(row.id);
  }
  return out;
}

/** The key storedReportIds answers with: report ids are unique per monitor, never across organisations. */
export const reportKey = (report: { monitorId: string; reportId: string }) => `${report.monitorId}/${report.reportId}`;

/**
 * Which of an agent's reports are already stored, as reportKey()s: a report is recorded once
 * its monitor x agent state has a run at or after it (storing is idempotent on that, so a
 * report resent after the server acknowledged it, or sent out of order after a newer one, is a
 * duplicate). Looked up per monitor x agent, so another organisation's reports never match.
 */
export async function storedReportIds(
  db: Db,
  agentId: string,
  reports: ReadonlyArray<{ monitorId: string; reportId: string; startedAt: number }>,
): Promise<Set<string>> {
  const last = new Map<string, number>();
  for (const part of chunk([...new Set(reports.map((r) => r.monitorId))], IDS_PER_READ)) {
    const rows = await db
      .select({ monitorId: vantageStates.monitorId, lastRunAt: vantageStates.lastRunAt })
      .from(vantageStates)
      .where(and(inArray(vantageStates.monitorId, part), eq(vantageStates.vantageId, agentId)));
    for (const row of rows) last.set(row.monitorId, row.lastRunAt);
  }
  return new Set(reports.filter((r) => r.startedAt <= (last.get(r.monitorId) ?? -1)).map(reportKey));
}

/** Which of these vantage ids are revoked agents: their last runs no longer speak for their network. */
export async function revokedAgentIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunk([...new Set(ids)], IDS_PER_READ)) {
    const rows = await db
      .select({ id: vantagePoints.id })
      .from(vantagePoints)
      .where(and(inArray(vantagePoints.id, part), sql`${vantagePoints.revokedAt} IS NOT NULL`));
    for (const row of rows) out.add(row.id);
  }
  return out;
}
