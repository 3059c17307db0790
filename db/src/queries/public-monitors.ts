import { OVERALL } from "@sipwatch/core";
import { and, eq, gte, like, sql } from "drizzle-orm";
import type { Db } from "../db";
import { rollups } from "../schema/history";
import { monitors } from "../schema/monitors";
import type { MonitorRow } from "./monitors";

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

/**
 * Runs and successful runs of a monitor since `from`, every vantage (or the regions only), from the hourly "all"
 * rollups (kept for good, unlike raw runs): one SUM over at most 24 x 30 rows per vantage.
 */
export async function availabilitySince(
  db: Db,
  monitorId: string,
  from: number,
  options: { regionsOnly?: boolean } = {},
): Promise<{ runs: number; successes: number }> {
  const [row] = await db
    .select({
      runs: sql<number>`coalesce(sum(${rollups.runs}), 0)`,
      successes: sql<number>`coalesce(sum(${rollups.successes}), 0)`,
    })
    .from(rollups)
    .where(
      and(
        eq(rollups.monitorId, monitorId),
        eq(rollups.transport, OVERALL),
        eq(rollups.granularity, "hour"),
        gte(rollups.bucketStart, from),
        // Public pages count the cloud regions only (region vantage ids start with "region:").
        options.regionsOnly ? like(rollups.vantageId, "region:%") : undefined,
      ),
    );
  return { runs: Number(row?.runs ?? 0), successes: Number(row?.successes ?? 0) };
}
