import { and, eq } from "drizzle-orm";
import type { Db } from "../db";
import { monitors } from "../schema/monitors";
import type { MonitorRow } from "./monitors";

export { availabilitySince } from "./rollups";

/**
 * The monitor behind a public status page or badge: only when it is marked public. A private
 * monitor is null exactly like a missing slug, so slugs reveal nothing about private monitors.
 */
export async function findPublicMonitorBySlug(db: Db, slug: string): Promise<MonitorRow | null> {
  const [row] = await db
    .select()
    .from(monitors)
    .where(and(eq(monitors.slug, slug), eq(monitors.isPublic, true)))
    .limit(1);
  return row ?? null;
}
