import { and, count, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../db";
import { users } from "../schema/auth";
import { findingMutes } from "../schema/mutes";
import { chunk } from "./batching";
import { muteIncidentEventStatement } from "./mute-incident-events";

export type FindingMuteRow = typeof findingMutes.$inferSelect;

/** A mute with the names of the people behind it, for the dashboard's trail. */
export interface FindingMuteView extends FindingMuteRow {
  createdByName: string | null;
  endedByName: string | null;
}

const IDS_PER_READ = 90;

/** Not ended and not expired by `now`; whether it has started is core's muteInForce. */
const notOverBy = (now: number) =>
  and(isNull(findingMutes.endedAt), or(isNull(findingMutes.expiresAt), gt(findingMutes.expiresAt, now)));

/** Every mute of the monitor, newest first, ended ones included; callers check ownership first. */
export async function findingMutesOfMonitor(db: Db, monitorId: string): Promise<FindingMuteView[]> {
  const creator = alias(users, "mute_creator");
  const ender = alias(users, "mute_ender");
  const rows = await db
    .select({ mute: findingMutes, createdByName: creator.name, endedByName: ender.name })
    .from(findingMutes)
    .leftJoin(creator, eq(creator.id, findingMutes.createdBy))
    .leftJoin(ender, eq(ender.id, findingMutes.endedBy))
    .where(eq(findingMutes.monitorId, monitorId))
    .orderBy(desc(findingMutes.createdAt), desc(findingMutes.id));
  return rows.map((r) => ({ ...r.mute, createdByName: r.createdByName, endedByName: r.endedByName }));
}

/** How many mutes of the monitor still count (or will, once started) at `now`. */
export async function countMutesInForce(db: Db, monitorId: string, now: number): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(findingMutes)
    .where(and(eq(findingMutes.monitorId, monitorId), notOverBy(now)));
  return row?.n ?? 0;
}

/**
 * Stores a mute and, in the same batch, a "muted" event on the monitor's incident that is not
 * resolved yet (if any), so the incident's timeline says why its finding went quiet.
 */
export async function insertFindingMute(db: Db, mute: FindingMuteRow): Promise<FindingMuteRow> {
  const [inserted] = await db.batch([
    db.insert(findingMutes).values(mute).returning(),
    muteIncidentEventStatement(db, {
      monitorId: mute.monitorId,
      kind: "muted",
      author: mute.createdBy,
      at: mute.createdAt,
      body: muteEventBody(mute),
    }),
  ]);
  const row = inserted[0];
  if (!row) throw new Error("inserting a finding mute returned no row");
  return row;
}

export type EndMuteOutcome = { ended: FindingMuteRow } | { notFound: true } | { alreadyOver: FindingMuteRow };

/** Ends a mute of the monitor that still counts; says so when there is none, or it is already over. */
export async function endFindingMute(
  db: Db,
  monitorId: string,
  muteId: string,
  endedBy: string,
  now: number,
): Promise<EndMuteOutcome> {
  const [existing] = await db
    .select()
    .from(findingMutes)
    .where(and(eq(findingMutes.id, muteId), eq(findingMutes.monitorId, monitorId)));
  if (!existing) return { notFound: true };
  // The event first: it checks that the mute still counts, which the update then changes.
  const [, updated] = await db.batch([
    muteIncidentEventStatement(db, {
      monitorId,
      kind: "unmuted",
      author: endedBy,
      at: now,
      body: `${existing.findingId} ${existing.subject ?? "(every subject)"}`,
      onlyIfMuteOpen: { muteId, now },
    }),
    db
      .update(findingMutes)
      .set({ endedAt: now, endedBy })
      .where(and(eq(findingMutes.id, muteId), notOverBy(now)))
      .returning(),
  ]);
  const row = updated[0];
  return row ? { ended: row } : { alreadyOver: existing };
}

/**
 * The mutes of these monitors that are not over by `now`, per monitor: what one alert round,
 * overview or status read needs (a seek per monitor on finding_mute_monitor_idx).
 */
export async function mutesInForceOf(
  db: Db,
  monitorIds: readonly string[],
  now: number,
): Promise<Map<string, FindingMuteRow[]>> {
  const byMonitor = new Map<string, FindingMuteRow[]>();
  for (const ids of chunk([...new Set(monitorIds)], IDS_PER_READ)) {
    const rows = await db
      .select()
      .from(findingMutes)
      .where(and(inArray(findingMutes.monitorId, ids), notOverBy(now)));
    for (const row of rows) byMonitor.set(row.monitorId, [...(byMonitor.get(row.monitorId) ?? []), row]);
  }
  return byMonitor;
}

/** The organisation's mutes not over by `now`, per monitor: the overview reads them beside its monitor list. */
export async function mutesInForceOfOrganisation(
  db: Db,
  organisationId: string,
  now: number,
): Promise<Map<string, FindingMuteRow[]>> {
  const rows = await db
    .select()
    .from(findingMutes)
    .where(and(eq(findingMutes.organisationId, organisationId), notOverBy(now)));
  const byMonitor = new Map<string, FindingMuteRow[]>();
  for (const row of rows) byMonitor.set(row.monitorId, [...(byMonitor.get(row.monitorId) ?? []), row]);
  return byMonitor;
}

/** The timeline line of a mute: what it covers, until when, and why. */
function muteEventBody(mute: FindingMuteRow): string {
  const until = mute.expiresAt === null ? "until ended" : `until ${new Date(mute.expiresAt).toISOString()}`;
  return `${mute.findingId} ${mute.subject ?? "(every subject)"} ${until}: ${mute.reason}`;
}
