import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db";
import { alertChannels, alertOutbox } from "../schema/alerts";
import { chunk } from "./batching";

export type ChannelRow = typeof alertChannels.$inferSelect;
export type NewChannel = typeof alertChannels.$inferInsert;
export type ChannelChanges = Partial<Pick<ChannelRow, "name" | "config" | "enabled">>;

/** Enabled channels of each organisation, for the tick's enqueueing. */
export async function enabledChannelsOf(
  db: Db,
  organisationIds: readonly string[],
): Promise<Map<string, ChannelRow[]>> {
  const byOrganisation = new Map<string, ChannelRow[]>();
  for (const ids of chunk([...new Set(organisationIds)], 90)) {
    const rows = await db
      .select()
      .from(alertChannels)
      .where(and(inArray(alertChannels.organisationId, ids), eq(alertChannels.enabled, true)));
    for (const row of rows)
      byOrganisation.set(row.organisationId, [...(byOrganisation.get(row.organisationId) ?? []), row]);
  }
  return byOrganisation;
}

export async function channelsOfOrganisation(db: Db, organisationId: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(alertChannels)
    .where(eq(alertChannels.organisationId, organisationId))
    .orderBy(asc(alertChannels.createdAt), asc(alertChannels.id));
}

/** The channel when it belongs to the organisation; another organisation's channel is null too. */
export async function findChannel(db: Db, organisationId: string, channelId: string): Promise<ChannelRow | null> {
  const [row] = await db
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.id, channelId), eq(alertChannels.organisationId, organisationId)))
    .limit(1);
  return row ?? null;
}

/** Any organisation's channel, for the deliverer, which works on outbox rows of every organisation. */
export async function channelsById(db: Db, channelIds: readonly string[]): Promise<Map<string, ChannelRow>> {
  const found = new Map<string, ChannelRow>();
  for (const ids of chunk([...new Set(channelIds)], 90)) {
    for (const row of await db.select().from(alertChannels).where(inArray(alertChannels.id, ids)))
      found.set(row.id, row);
  }
  return found;
}

export async function insertChannel(db: Db, channel: NewChannel): Promise<ChannelRow> {
  const [row] = await db.insert(alertChannels).values(channel).returning();
  if (!row) throw new Error("insert into alert_channel returned no row");
  return row;
}

export async function updateChannel(db: Db, current: ChannelRow, changes: ChannelChanges): Promise<ChannelRow> {
  const [row] = await db
    .update(alertChannels)
    .set(changes)
    .where(and(eq(alertChannels.id, current.id), eq(alertChannels.organisationId, current.organisationId)))
    .returning();
  return row ?? current;
}

export async function deleteChannel(db: Db, organisationId: string, channelId: string): Promise<boolean> {
  const rows = await db
    .delete(alertChannels)
    .where(and(eq(alertChannels.id, channelId), eq(alertChannels.organisationId, organisationId)))
    .returning({ id: alertChannels.id });
  return rows.length > 0;
}

/** The latest deliveries of one channel, newest first: what the dashboard shows as its status. */
export async function deliveriesOfChannel(db: Db, channelId: string, limit = 50) {
  return db
    .select({
      id: alertOutbox.id,
      monitorId: alertOutbox.monitorId,
      kind: alertOutbox.action,
      status: alertOutbox.status,
      attempts: alertOutbox.attempts,
      nextAttemptAt: alertOutbox.nextAttemptAt,
      lastError: alertOutbox.lastError,
      createdAt: alertOutbox.createdAt,
      deliveredAt: alertOutbox.deliveredAt,
    })
    .from(alertOutbox)
    .where(eq(alertOutbox.channelId, channelId))
    .orderBy(desc(alertOutbox.createdAt), desc(alertOutbox.id))
    .limit(limit);
}
