import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { monitors } from "../schema/monitors";
import { organisations } from "../schema/organisations";
import { statusPages } from "../schema/status-pages";
import type { MonitorRow } from "./monitors";

export type StatusPageRow = typeof statusPages.$inferSelect;

/** The most monitors one page shows: bounds the reads of an uncached view. */
export const STATUS_PAGE_MONITORS_MAX = 50;

export async function statusPagesOfOrganisation(db: Db, organisationId: string): Promise<StatusPageRow[]> {
  return db
    .select()
    .from(statusPages)
    .where(eq(statusPages.organisationId, organisationId))
    .orderBy(asc(statusPages.createdAt), asc(statusPages.id));
}

export async function findStatusPage(db: Db, organisationId: string, id: string): Promise<StatusPageRow | null> {
  const [row] = await db
    .select()
    .from(statusPages)
    .where(and(eq(statusPages.id, id), eq(statusPages.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

/** An enabled page by slug; a disabled page is null exactly like a missing one (the same 404). */
export async function findEnabledStatusPageBySlug(db: Db, slug: string): Promise<StatusPageRow | null> {
  const [row] = await db
    .select()
    .from(statusPages)
    .where(and(eq(statusPages.slug, slug), eq(statusPages.enabled, true)))
    .limit(1);
  return row ?? null;
}

export async function insertStatusPage(db: Db, page: StatusPageRow): Promise<StatusPageRow> {
  const [row] = await db.insert(statusPages).values(page).returning();
  if (!row) throw new Error("inserting a status page returned no row");
  return row;
}

export async function updateStatusPage(
  db: Db,
  organisationId: string,
  id: string,
  patch: Partial<Omit<StatusPageRow, "id" | "organisationId" | "createdAt">>,
): Promise<StatusPageRow | null> {
  const [row] = await db
    .update(statusPages)
    .set(patch)
    .where(and(eq(statusPages.id, id), eq(statusPages.organisationId, organisationId)))
    .returning();
  return row ?? null;
}

export async function deleteStatusPage(db: Db, organisationId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(statusPages)
    .where(and(eq(statusPages.id, id), eq(statusPages.organisationId, organisationId)))
    .returning({ id: statusPages.id });
  return deleted.length > 0;
}

/** The slug's page is taken by any organisation (slugs are global, like public monitor slugs). */
export async function statusPageSlugTaken(db: Db, slug: string, exceptId = ""): Promise<boolean> {
  const [row] = await db.select({ id: statusPages.id }).from(statusPages).where(eq(statusPages.slug, slug)).limit(1);
  return row !== undefined && row.id !== exceptId;
}

/**
 * The page's monitors in the page's order: only the organisation's own and enabled ones, so a
 * stale or forged id never shows another organisation's monitor.
 */
export async function monitorsOfPage(
  db: Db,
  organisationId: string,
  monitorIds: readonly string[],
): Promise<MonitorRow[]> {
  const ids = [...new Set(monitorIds)].slice(0, STATUS_PAGE_MONITORS_MAX);
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(monitors)
    .where(and(inArray(monitors.id, ids), eq(monitors.organisationId, organisationId), eq(monitors.enabled, true)));
  const byId = new Map(rows.map((m) => [m.id, m]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** The organisation's default page: its public monitors, by name. */
export async function publicMonitorsOfOrganisation(db: Db, organisationId: string): Promise<MonitorRow[]> {
  return db
    .select()
    .from(monitors)
    .where(and(eq(monitors.organisationId, organisationId), eq(monitors.isPublic, true), eq(monitors.enabled, true)))
    .orderBy(asc(monitors.name), desc(monitors.id))
    .limit(STATUS_PAGE_MONITORS_MAX);
}

export async function findOrganisationBySlug(db: Db, slug: string) {
  const [row] = await db.select().from(organisations).where(eq(organisations.slug, slug)).limit(1);
  return row ?? null;
}
