import type { RecordSet, RunSummary, Severity, SipResolution } from "@sipwatch/core";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { monitors } from "./monitors";
import { organisations } from "./organisations";

/**
 * Where an audit ran from: a cloud region (shared by every organisation, organisationId null,
 * id "region:weur") or an organisation's own agent.
 */
export const vantagePoints = sqliteTable(
  "vantage_point",
  {
    id: text("id").primaryKey(),
    organisationId: text("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").$type<"region" | "agent">().notNull(),
    name: text("name").notNull(),
    /** Durable Object location hint for regions. */
    region: text("region"),
    /** Agents only: SHA-256 of the agent token. */
    tokenHash: text("token_hash").unique(),
    version: text("version"),
    lastSeenAt: integer("last_seen_at"),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("vantage_org_idx").on(t.organisationId)],
);

/** One compact row per monitor x vantage x run: the only row every run writes. Times are epoch ms. */
export const runs = sqliteTable(
  "run",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    vantageId: text("vantage_id").notNull(),
    startedAt: integer("started_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    status: text("status").$type<RunSummary["status"]>().notNull(),
    /** The DNS snapshot in force when this run ran (the latest one for this monitor x vantage). */
    snapshotId: integer("snapshot_id"),
    summary: text("summary", { mode: "json" }).$type<RunSummary>().notNull(),
    /**
     * Agents only: the report's idempotency key, so a report sent twice is stored once. Unique
     * per monitor (so per organisation): another organisation's ids never collide with these.
     */
    reportId: text("report_id"),
  },
  (t) => [
    index("run_monitor_vantage_time_idx").on(t.monitorId, t.vantageId, t.startedAt),
    index("run_time_idx").on(t.startedAt),
    // Partial: region runs (nearly all of them) have no report id, and a plain unique index
    // would still write an entry for each of their NULLs, a quarter of D1's rows_written per run.
    uniqueIndex("run_monitor_report_id_unique").on(t.monitorId, t.reportId).where(sql`${t.reportId} IS NOT NULL`),
  ],
);

/** The DNS answers seen from one vantage, stored only when the record sets changed. */
export const dnsSnapshots = sqliteTable(
  "dns_snapshot",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    vantageId: text("vantage_id").notNull(),
    takenAt: integer("taken_at").notNull(),
    /** SHA-256 of the canonical record sets; equal hashes mean nothing changed. */
    hash: text("hash").notNull(),
    recordSets: text("record_sets", { mode: "json" }).$type<RecordSet[]>().notNull(),
    /** The whole discovery tree (with TTLs as first seen) for the report view. */
    resolution: text("resolution", { mode: "json" }).$type<SipResolution>().notNull(),
  },
  (t) => [index("snapshot_monitor_vantage_time_idx").on(t.monitorId, t.vantageId, t.takenAt)],
);

/**
 * A finding's life: opened by the first run that reports it, resolved by the first that does
 * not. While open, "last seen" is the latest run of its monitor x vantage, so runs that see it
 * again write nothing here.
 */
export const findings = sqliteTable(
  "finding",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    vantageId: text("vantage_id").notNull(),
    findingId: text("finding_id").notNull(),
    subject: text("subject").notNull(),
    severity: text("severity").$type<Severity>().notNull(),
    title: text("title").notNull(),
    detail: text("detail").notNull(),
    fix: text("fix").notNull(),
    evidence: text("evidence", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    openedAt: integer("opened_at").notNull(),
    openedRunId: integer("opened_run_id"),
    /** Set when resolved: the last run that still saw it. */
    lastSeenAt: integer("last_seen_at"),
    resolvedAt: integer("resolved_at"),
  },
  (t) => [
    uniqueIndex("finding_open_idx")
      .on(t.monitorId, t.vantageId, t.findingId, t.subject)
      .where(sql`${t.resolvedAt} IS NULL`),
    index("finding_monitor_time_idx").on(t.monitorId, t.openedAt),
  ],
);

/** Availability and round trip per monitor x vantage x transport, per hour and per day, for charts. */
export const rollups = sqliteTable(
  "rollup",
  {
    monitorId: text("monitor_id")
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    vantageId: text("vantage_id").notNull(),
    transport: text("transport").notNull(),
    granularity: text("granularity").$type<"hour" | "day">().notNull(),
    bucketStart: integer("bucket_start").notNull(),
    runs: integer("runs").notNull(),
    successes: integer("successes").notNull(),
    p50Ms: integer("p50_ms"),
    p95Ms: integer("p95_ms"),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.vantageId, t.transport, t.granularity, t.bucketStart] })],
);
