import type { FindingId } from "@sipwatch/core";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { monitors } from "./monitors";
import { organisations } from "./organisations";

/**
 * An operator's mute of one finding (one subject, or every subject when `subject` is null) of one
 * monitor (issue 16). Never deleted while the monitor exists: ending a mute sets `ended_at`, so
 * the table is the monitor's trail of who silenced what, why, and for how long. The control
 * database holds it: the alert round, the overview and the public status read it beside the
 * monitor rows, and history shards keep recording the finding as seen.
 */
export const findingMutes = sqliteTable(
  "finding_mute",
  {
    /** "mut_" + random. */
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    findingId: text("finding_id").$type<FindingId>().notNull(),
    /** null: every subject of the finding id. */
    subject: text("subject"),
    reason: text("reason").notNull(),
    /** A user id, or "token" for an API token (tokens belong to the organisation, not a person). */
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Exclusive; null: until someone ends it. */
    expiresAt: integer("expires_at"),
    endedAt: integer("ended_at"),
    endedBy: text("ended_by"),
  },
  (t) => [
    // The monitor's list (newest first) and the alert round's read of its monitors' mutes.
    index("finding_mute_monitor_idx").on(t.monitorId, t.createdAt),
    // The overview's read of an organisation's mutes in force, beside its monitor list.
    index("finding_mute_org_idx").on(t.organisationId, t.endedAt),
  ],
);
