import type { ResponseHandling } from "@sipwatch/core";
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { organisations } from "./organisations";

export type ExpectedTransport = "udp" | "tcp" | "tls" | "wss";

export interface MonitorThresholds {
  /** Consecutive failing runs before an alert opens. */
  failuresToOpen: number;
  /** Consecutive passing runs before it resolves. */
  successesToResolve: number;
  /** transport.sip.slow above this round trip. */
  slowMs: number;
  /** tls.cert.expiring within this many days. */
  certExpiryDays: number;
}

/**
 * A monitor's own alert behaviour beyond its thresholds; null on the row means the defaults
 * (core/alerting DEFAULT_ALERT_POLICY). Minutes, because that is how people set them.
 */
export interface MonitorAlertPolicy {
  /** Regions that must fail in one round ("2 of 3"); capped at the regions that reported. */
  quorum: number;
  /** Repeat an open incident this often; 0 sends no reminders. */
  reminderIntervalMinutes: number;
  /** More than `flapMaxChanges` opens and resolves within `flapWindowMinutes` is flapping. */
  flapMaxChanges: number;
  flapWindowMinutes: number;
}

/** One watched SIP domain or URI. Times are epoch ms. */
export const monitors = sqliteTable(
  "monitor",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** As the customer typed it: "example.com", "sips:example.com", "sip:pbx.example.com:5080;transport=tcp". */
    target: text("target").notNull(),
    expectedTransports: text("expected_transports", { mode: "json" }).$type<ExpectedTransport[]>().notNull(),
    /** Region codes (Durable Object location hints) that audit it: "weur", "enam", ... */
    regions: text("regions", { mode: "json" }).$type<string[]>().notNull(),
    intervalMinutes: integer("interval_minutes").notNull(),
    /**
     * The monitor runs in minutes m where (m + phase) % interval == 0, so schedules are spread
     * evenly and the dispatcher finds due monitors with an index seek, with no per-run write.
     */
    phaseMinute: integer("phase_minute").notNull(),
    thresholds: text("thresholds", { mode: "json" }).$type<MonitorThresholds>().notNull(),
    alertPolicy: text("alert_policy", { mode: "json" }).$type<MonitorAlertPolicy>(),
    /** Which OPTIONS and REGISTER statuses count as up or as maintenance; null means the defaults. */
    responseHandling: text("response_handling", { mode: "json" }).$type<ResponseHandling>(),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
    /**
     * Public status and badge URLs use it: unique among public monitors, and within an
     * organisation. Not across private ones, so a slug conflict never reveals that another
     * organisation holds a private monitor by that name.
     */
    slug: text("slug"),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("monitor_org_idx").on(t.organisationId),
    index("monitor_schedule_idx").on(t.intervalMinutes, t.phaseMinute).where(sql`${t.enabled} = 1`),
    uniqueIndex("monitor_public_slug_unique").on(t.slug).where(sql`${t.isPublic} = 1`),
    uniqueIndex("monitor_org_slug_unique").on(t.organisationId, t.slug),
  ],
);
