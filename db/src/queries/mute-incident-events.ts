import { and, eq, gt, isNull, ne, or, sql } from "drizzle-orm";
import type { Db } from "../db";
import { incidentEvents, incidents } from "../schema/incidents";
import { findingMutes } from "../schema/mutes";

/**
 * One statement that appends a "muted" or "unmuted" event to the monitor's incident that is not
 * resolved yet, and does nothing when there is none (INSERT … SELECT), so it rides in the same
 * batch as the mute's own write. The incident tables belong to the incidents feature; mutes only
 * append to the timeline through here.
 */
export function muteIncidentEventStatement(
  db: Db,
  event: {
    monitorId: string;
    kind: "muted" | "unmuted";
    author: string;
    at: number;
    body: string;
    /** For "unmuted": only when this mute was still counting (the end actually happened). */
    onlyIfMuteOpen?: { muteId: string; now: number };
  },
) {
  const open = event.onlyIfMuteOpen;
  const stillCounting = open
    ? sql`exists (select 1 from ${findingMutes} where ${and(
        eq(findingMutes.id, open.muteId),
        isNull(findingMutes.endedAt),
        or(isNull(findingMutes.expiresAt), gt(findingMutes.expiresAt, open.now)),
      )})`
    : sql`1`;
  return db.insert(incidentEvents).select(
    db
      .select({
        id: sql<number>`null`.as("id"),
        incidentId: incidents.id,
        organisationId: incidents.organisationId,
        at: sql<number>`${event.at}`.as("at"),
        kind: sql<string>`${event.kind}`.as("kind"),
        author: sql<string>`${event.author}`.as("author"),
        body: sql<string>`${event.body}`.as("body"),
        public: sql<number>`0`.as("public"),
      })
      .from(incidents)
      .where(and(eq(incidents.monitorId, event.monitorId), ne(incidents.status, "resolved"), stillCounting)),
  );
}
