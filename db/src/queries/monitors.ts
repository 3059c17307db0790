import { and, asc, count, eq, gt, inArray } from "drizzle-orm";
import { type Db, isUniqueViolation } from "../db";
import { monitors } from "../schema/monitors";
import { chunk } from "./batching";

export type MonitorRow = typeof monitors.$inferSelect;
export type NewMonitor = Omit<typeof monitors.$inferInsert, "phaseMinute">;
export type MonitorChanges = Partial<Omit<MonitorRow, "id" | "organisationId" | "createdAt" | "phaseMinute">>;
/** Slugs are unique among public monitors and within an organisation (schema/monitors.ts). */
const isSlugConflict = (error: unknown) =>
  isUniqueViolation(error, "monitor.slug") || isUniqueViolation(error, "monitor.organisation_id, monitor.slug");

export type MonitorWrite = { ok: true; monitor: MonitorRow } | { ok: false; reason: "slug_taken" };

/**
 * The minute offset that spreads monitors of one interval evenly over it: FNV-1a of the id,
 * modulo the interval. Stable, so a monitor keeps its slot until its interval changes.
 * @example phaseMinuteFor("mon_x", 1) === 0
 */
export function phaseMinuteFor(monitorId: string, intervalMinutes: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < monitorId.length; i++) {
    hash ^= monitorId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % intervalMinutes;
}

export async function countMonitors(db: Db, organisationId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(monitors).where(eq(monitors.organisationId, organisationId));
  return row?.n ?? 0;
}

/** One page of the organisation's monitors in id order; `after` is the last id of the previous page. */
export async function listMonitors(
  db: Db,
  organisationId: string,
  page: { limit: number; after?: string | undefined },
): Promise<{ monitors: MonitorRow[]; nextCursor: string | null }> {
  const scope = eq(monitors.organisationId, organisationId);
  const rows = await db
    .select()
    .from(monitors)
    .where(page.after ? and(scope, gt(monitors.id, page.after)) : scope)
    .orderBy(asc(monitors.id))
    .limit(page.limit + 1);
  const more = rows.length > page.limit;
  const pageRows = more ? rows.slice(0, page.limit) : rows;
  return { monitors: pageRows, nextCursor: more ? (pageRows.at(-1)?.id ?? null) : null };
}

/** The monitor when it belongs to the organisation; another organisation's monitor is null too. */
export async function findMonitor(db: Db, organisationId: string, monitorId: string): Promise<MonitorRow | null> {
  const [row] = await db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

export async function insertMonitor(db: Db, monitor: NewMonitor): Promise<MonitorWrite> {
  const phaseMinute = phaseMinuteFor(monitor.id, monitor.intervalMinutes);
  try {
    const [row] = await db
      .insert(monitors)
      .values({ ...monitor, phaseMinute })
      .returning();
    if (!row) throw new Error("inserting a monitor returned no row");
    return { ok: true, monitor: row };
  } catch (error) {
    if (isSlugConflict(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

/** Applies changes to `current` (already scoped to its organisation); the phase follows the interval. */
export async function updateMonitor(db: Db, current: MonitorRow, changes: MonitorChanges): Promise<MonitorWrite> {
  const intervalMinutes = changes.intervalMinutes ?? current.intervalMinutes;
  const phaseMinute =
    intervalMinutes === current.intervalMinutes ? current.phaseMinute : phaseMinuteFor(current.id, intervalMinutes);
  try {
    const [row] = await db
      .update(monitors)
      .set({ ...changes, phaseMinute })
      .where(and(eq(monitors.id, current.id), eq(monitors.organisationId, current.organisationId)))
      .returning();
    if (!row) throw new Error(`monitor ${current.id} vanished during its update`);
    return { ok: true, monitor: row };
  } catch (error) {
    if (isSlugConflict(error)) return { ok: false, reason: "slug_taken" };
    throw error;
  }
}

/** What the alert policy needs of the organisation's monitors among `monitorIds`. */
export async function alertSettingsOf(
  db: Db,
  organisationId: string,
  monitorIds: readonly string[],
): Promise<Array<Pick<MonitorRow, "id" | "organisationId" | "thresholds" | "alertPolicy">>> {
  const rows: Array<Pick<MonitorRow, "id" | "organisationId" | "thresholds" | "alertPolicy">> = [];
  for (const ids of chunk([...new Set(monitorIds)], 90)) {
    rows.push(
      ...(await db
        .select({
          id: monitors.id,
          organisationId: monitors.organisationId,
          thresholds: monitors.thresholds,
          alertPolicy: monitors.alertPolicy,
        })
        .from(monitors)
        .where(and(eq(monitors.organisationId, organisationId), inArray(monitors.id, ids)))),
    );
  }
  return rows;
}
