import type { AlertFinding } from "@sipwatch/core";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { monitors } from "./monitors";
import { organisations } from "./organisations";

/**
 * open: the alert policy fired and nobody has answered; acknowledged: someone took it (reminders
 * stop); resolved: the policy saw the monitor heal, or an operator closed it.
 */
export type IncidentStatus = "open" | "acknowledged" | "resolved";

/**
 * One incident: opened when a monitor's alert policy fires (issue 16), one per monitor and
 * opening. A control-plane table (small, read by the dashboard, the status pages and the
 * notifier), so it lives in the control database, never in a history shard.
 * `findings` and `vantageIds` are what the policy saw when it opened; later rounds add events.
 */
export const incidents = sqliteTable(
  "incident",
  {
    /** "inc_" + random; PagerDuty's dedup key and Opsgenie's alias are built from it. */
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    status: text("status").$type<IncidentStatus>().notNull(),
    /**
     * Which alert-state sequence opened it: "regions" (alert_state) or an agent's id
     * (vantage_alert_state). Operator actions build their notification keys from it, so an
     * operator's resolve and the policy's later one are one outbox row per channel.
     */
    alertStream: text("alert_stream").notNull().default("regions"),
    /** Internal title (may name hosts and vantages); never shown on public pages. */
    title: text("title").notNull(),
    findings: text("findings", { mode: "json" }).$type<AlertFinding[]>().notNull(),
    vantageIds: text("vantage_ids", { mode: "json" }).$type<string[]>().notNull(),
    openedAt: integer("opened_at").notNull(),
    acknowledgedAt: integer("acknowledged_at"),
    /** Who acknowledged: a user id, or "token:<id>" for an API token. */
    acknowledgedBy: text("acknowledged_by"),
    resolvedAt: integer("resolved_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // The dashboard's list and the status pages: an organisation's incidents, newest first.
    index("incident_org_opened_idx").on(t.organisationId, t.openedAt),
    // The alert round: the monitor's incident that is not resolved yet.
    index("incident_monitor_status_idx").on(t.monitorId, t.status),
  ],
);

export type IncidentEventKind = "opened" | "acknowledged" | "update" | "resolved" | "reopened" | "muted" | "unmuted";

/**
 * The incident's timeline, append-only (never updated or deleted while the incident exists).
 * `update` events carry text an operator wrote; `public` ones appear on status pages and in the
 * feed, escaped, so `body` is bounded and free of control characters before it is stored.
 */
export const incidentEvents = sqliteTable(
  "incident_event",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    organisationId: text("organisation_id").notNull(),
    at: integer("at").notNull(),
    kind: text("kind").$type<IncidentEventKind>().notNull(),
    /** "system" for the alert policy, a user id, or "token:<id>". */
    author: text("author").notNull(),
    body: text("body"),
    public: integer("public", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("incident_event_incident_idx").on(t.incidentId, t.at)],
);
