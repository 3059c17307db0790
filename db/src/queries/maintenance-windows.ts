import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { maintenanceWindows } from "../schema/alerts";
import { chunk } from "./batching";

export type MaintenanceWindowRow = typeof maintenanceWindows.$inferSelect;

const IDS_PER_READ = 90;

/** The monitor's windows, oldest start first; callers check the monitor's ownership first. */
export async function maintenanceWindowsOfMonitor(db: Db, monitorId: string): Promise<MaintenanceWindowRow[]> {
  return db
    .select()
    .from(maintenanceWindows)
    .where(eq(maintenanceWindows.monitorId, monitorId))
    .orderBy(asc(maintenanceWindows.startsAt), asc(maintenanceWindows.id));
}

export async function insertMaintenanceWindow(db: Db, window: MaintenanceWindowRow): Promise<MaintenanceWindowRow> {
  const [row] = await db.insert(maintenanceWindows).values(window).returning();
  if (!row) throw new Error("inserting a maintenance window returned no row");
  return row;
}

/** Deletes one window of the monitor; false when it has no such window. */
export async function deleteMaintenanceWindow(db: Db, monitorId: string, windowId: string): Promise<boolean> {
  const deleted = await db
    .delete(maintenanceWindows)
    .where(and(eq(maintenanceWindows.id, windowId), eq(maintenanceWindows.monitorId, monitorId)))
    .returning({ id: maintenanceWindows.id });
  return deleted.length > 0;
}

/**
 * The windows that have not ended by `now`, per monitor: all the alert policy needs this round
 * (a seek on maintenance_window_monitor_idx; ended windows are never read again).
 */
export async function openMaintenanceWindowsOf(
  db: Db,
  monitorIds: readonly string[],
  now: number,
): Promise<Map<string, MaintenanceWindowRow[]>> {
  const byMonitor = new Map<string, MaintenanceWindowRow[]>();
  for (const ids of chunk([...new Set(monitorIds)], IDS_PER_READ)) {
    const rows = await db
      .select()
      .from(maintenanceWindows)
      .where(and(inArray(maintenanceWindows.monitorId, ids), gt(maintenanceWindows.endsAt, now)));
    for (const row of rows) byMonitor.set(row.monitorId, [...(byMonitor.get(row.monitorId) ?? []), row]);
  }
  return byMonitor;
}
