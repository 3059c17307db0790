import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";

/** Who did something: a signed-in member, an API token, an agent, or sipwatch itself (retention, policy). */
export type AuditActorKind = "member" | "token" | "agent" | "system";

/**
 * The audit log: one row per write anybody made to an organisation's objects. Rows are only
 * ever inserted (no route updates or deletes them); retention removes whole rows past the
 * documented period. The actor's label is copied at the time of the action, so the log still
 * says who it was after a member leaves or a token is revoked.
 */
export const auditEvents = sqliteTable(
  "audit_event",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    at: integer("at").notNull(),
    actorKind: text("actor_kind").$type<AuditActorKind>().notNull(),
    /** user id, token id or agent id; null for the system. */
    actorId: text("actor_id"),
    /** The member's name and address, the token's name, the agent's name, at the time. */
    actorLabel: text("actor_label").notNull(),
    /** What was done, as `<object type>.<verb>`: `monitor.update`, `invitation.create`, ... */
    action: text("action").notNull(),
    objectType: text("object_type").notNull(),
    objectId: text("object_id"),
    /** A short human sentence or the changed field names; never secrets. */
    summary: text("summary").notNull().default(""),
  },
  (t) => [
    index("audit_event_org_at_idx").on(t.organisationId, t.at),
    index("audit_event_object_idx").on(t.organisationId, t.objectType, t.objectId),
    // Retention deletes across organisations, oldest first (db/src/queries/audit.ts).
    index("audit_event_at_idx").on(t.at),
  ],
);
