import type { AlertAction, AlertState } from "@sipwatch/core";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { vantagePoints } from "./history";
import { monitors } from "./monitors";
import { organisations } from "./organisations";

export type ChannelType = "slack" | "email" | "webhook" | "pagerduty" | "opsgenie" | "teams" | "discord";

/**
 * Where a channel delivers; secrets (webhook signing key, PagerDuty routing key, Opsgenie API
 * key, the tokens inside Teams and Discord webhook URLs) live here, never in responses.
 */
export type ChannelConfig =
  | { type: "slack"; webhookUrl: string }
  | { type: "email"; to: string[] }
  | { type: "webhook"; url: string; secret: string }
  /** `url`: the Events API v2 endpoint (US or EU service region). */
  | { type: "pagerduty"; routingKey: string; url: string }
  /** `url`: the Alert API's base (api.opsgenie.com or api.eu.opsgenie.com). */
  | { type: "opsgenie"; apiKey: string; url: string }
  /** A Teams workflow's "When a Teams webhook request is received" URL. */
  | { type: "teams"; webhookUrl: string }
  | { type: "discord"; webhookUrl: string };

/** The alert policy's state per monitor (core/alerting AlertState), written after every round. */
export const alertStates = sqliteTable("alert_state", {
  monitorId: text("monitor_id")
    .primaryKey()
    .references(() => monitors.id, { onDelete: "cascade" }),
  state: text("state", { mode: "json" }).$type<AlertState>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** A place an organisation's alerts go. */
export const alertChannels = sqliteTable(
  "alert_channel",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    type: text("type").$type<ChannelType>().notNull(),
    name: text("name").notNull(),
    config: text("config", { mode: "json" }).$type<ChannelConfig>().notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("alert_channel_org_idx").on(t.organisationId)],
);

/**
 * skipped: not sent because it no longer applies (a reminder of an incident someone acknowledged
 * or resolved between enqueueing and delivery).
 */
export type OutboxStatus = "pending" | "delivered" | "failed" | "skipped";

/**
 * One notification for one channel, stored in the same batch as the alert state that caused it
 * (a crash never loses one) and delivered later with retries. The idempotency key is unique, so
 * enqueueing the same action twice stores it once; receivers get it too, to drop a resend after
 * a crash between sending and marking delivered.
 */
export const alertOutbox = sqliteTable(
  "alert_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    channelId: text("channel_id")
      .notNull()
      .references(() => alertChannels.id, { onDelete: "cascade" }),
    action: text("action", { mode: "json" }).$type<AlertAction>().notNull(),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    status: text("status").$type<OutboxStatus>().notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    /** Due when <= now; a claimed row is pushed a lease ahead, so two ticks never send it at once. */
    nextAttemptAt: integer("next_attempt_at").notNull(),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    deliveredAt: integer("delivered_at"),
  },
  (t) => [
    index("alert_outbox_due_idx").on(t.status, t.nextAttemptAt),
    index("alert_outbox_channel_idx").on(t.channelId, t.createdAt),
  ],
);

/**
 * A one-off maintenance window: no notifications for the monitor while it lasts, though rounds
 * are still counted, so an incident still open when it ends is announced then. [startsAt, endsAt).
 */
export const maintenanceWindows = sqliteTable(
  "maintenance_window",
  {
    id: text("id").primaryKey(),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    reason: text("reason").notNull(),
    /** Shown on the public status pages that show the monitor (the reason becomes public text). */
    announce: integer("announce", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  // The tick reads the windows of its monitors that have not ended yet.
  (t) => [index("maintenance_window_monitor_idx").on(t.monitorId, t.endsAt)],
);

/**
 * The alert state of one agent's view of one monitor. Agents report on their own clock, so each
 * agent is its own sequence of rounds beside the regions' (alert_state), not mixed into it.
 */
export const vantageAlertStates = sqliteTable(
  "vantage_alert_state",
  {
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    vantageId: text("vantage_id")
      .notNull()
      .references(() => vantagePoints.id, { onDelete: "cascade" }),
    state: text("state", { mode: "json" }).$type<AlertState>().notNull(),
    /** startedAt of the last report counted: older reports (an offline queue, a retry) are not counted again. */
    lastRoundAt: integer("last_round_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.vantageId] })],
);
