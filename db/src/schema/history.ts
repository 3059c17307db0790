import type { RecordSet, RollupAccumulator, RunSummary, Severity, SipResolution } from "@sipwatch/core";
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
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

/*
 * History tables. They move to per-organisation shard databases, which have the same schema but
 * an empty control plane (monitors, organisations) and enforce foreign keys: so every one has a
 * monitor_id column and no reference to a control table, and no query joins them with one.
 */

/**
 * The one row a run of a monitor x vantage updates when nothing changed: the open span's
 * outcome and counters, the latest summary (the report view and the overview read it), and the
 * current hour's and day's rollup accumulators, written out when the hour closes.
 * A rowid table (not WITHOUT ROWID, unlike rollup): a row is ~2.5 KB and overflows its page,
 * which SQLite reads ~3x slower from a WITHOUT ROWID B-tree (measured on the overview's 3,000
 * rows). An unchanged run updates no indexed column, so it still writes one row.
 */
export const vantageStates = sqliteTable(
  "vantage_state",
  {
    monitorId: text("monitor_id").notNull(),
    vantageId: text("vantage_id").notNull(),
    /**
     * The monitor's organisation, set when the row is first inserted and never updated (an
     * unchanged run touches no index): the overview reads an organisation's rows as one range of
     * vantage_state_org_idx, side by side with the control database's monitor list.
     */
    organisationId: text("organisation_id").notNull(),
    /** outcomeHash(outcomeKey(...)) of the open span; "" for rows carried over from runs. */
    outcome: text("outcome").notNull(),
    spanId: integer("span_id").notNull(),
    spanStartedAt: integer("span_started_at").notNull(),
    /** Runs in the open span, this one included (the span row holds its count once closed). */
    spanRuns: integer("span_runs").notNull(),
    lastRunAt: integer("last_run_at").notNull(),
    durationMs: integer("duration_ms").notNull(),
    summary: text("summary", { mode: "json" }).$type<RunSummary>().notNull(),
    /** The DNS snapshot in force (the latest one for this monitor x vantage). */
    snapshotId: integer("snapshot_id"),
    hourStart: integer("hour_start").notNull(),
    /** This hour's runs, not yet in `rollup`; chart reads add it. */
    hourAcc: text("hour_acc", { mode: "json" }).$type<RollupAccumulator>(),
    dayStart: integer("day_start").notNull(),
    /** This day's closed hours, as last upserted into the daily `rollup` row. */
    dayAcc: text("day_acc", { mode: "json" }).$type<RollupAccumulator>(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.vantageId] }), index("vantage_state_org_idx").on(t.organisationId)],
);

/**
 * A stretch of runs of one monitor x vantage with the same outcome: written when it opens,
 * closed (last run, count) when the next one opens. The open span's last run and count are the
 * state row's. AUTOINCREMENT (one sqlite_sequence write per span opened, not per run) so that each
 * history shard numbers its spans from its own id range (shard-ids.ts) and a shard move keeps ids.
 */
export const stateSpans = sqliteTable(
  "state_span",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id").notNull(),
    vantageId: text("vantage_id").notNull(),
    firstRunAt: integer("first_run_at").notNull(),
    /** Null while open. */
    lastRunAt: integer("last_run_at"),
    runs: integer("runs"),
    status: text("status").$type<RunSummary["status"]>().notNull(),
    outcome: text("outcome").notNull(),
    /** The first run of the span: what changed, as the run list shows it. */
    durationMs: integer("duration_ms").notNull(),
    summary: text("summary", { mode: "json" }).$type<RunSummary>().notNull(),
    snapshotId: integer("snapshot_id"),
  },
  // Unique: a run opens at most one span, so a result stored twice at once fails instead of doubling it.
  (t) => [uniqueIndex("span_monitor_time_idx").on(t.monitorId, t.firstRunAt, t.vantageId)],
);

/** The DNS answers seen from one vantage, stored only when the record sets changed. */
export const dnsSnapshots = sqliteTable(
  "dns_snapshot",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id").notNull(),
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
 * not. While open, "last seen" is the state row's last run, so runs that see it again write
 * nothing here.
 */
export const findings = sqliteTable(
  "finding",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    monitorId: text("monitor_id").notNull(),
    vantageId: text("vantage_id").notNull(),
    findingId: text("finding_id").notNull(),
    subject: text("subject").notNull(),
    severity: text("severity").$type<Severity>().notNull(),
    title: text("title").notNull(),
    detail: text("detail").notNull(),
    fix: text("fix").notNull(),
    evidence: text("evidence", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    openedAt: integer("opened_at").notNull(),
    /** The state span its opening run started (or extended); null for pseudo-vantages. */
    openedSpanId: integer("opened_span_id"),
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

/**
 * Availability and round trips of one monitor x vantage for one hour or day, every transport
 * inside (`transports`, with mergeable histograms); `runs`/`successes` repeat the overall ("all")
 * counts so availability sums stay in SQL. Keyed (monitor, granularity, bucket, vantage) so a
 * chart, a status page and retention each read one range. WITHOUT ROWID in the migration.
 */
export const rollups = sqliteTable(
  "rollup",
  {
    monitorId: text("monitor_id").notNull(),
    granularity: text("granularity").$type<"hour" | "day">().notNull(),
    bucketStart: integer("bucket_start").notNull(),
    vantageId: text("vantage_id").notNull(),
    runs: integer("runs").notNull(),
    successes: integer("successes").notNull(),
    transports: text("transports", { mode: "json" }).$type<RollupAccumulator>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.granularity, t.bucketStart, t.vantageId] })],
);

/**
 * Every history table and its monitor column: what moving a monitor's history between shards
 * copies. `numbered`: an AUTOINCREMENT id, numbered from the shard's own range (shard-ids.ts).
 */
export const HISTORY_TABLES = [
  { name: "vantage_state", monitorIdColumn: "monitor_id", numbered: false },
  { name: "state_span", monitorIdColumn: "monitor_id", numbered: true },
  { name: "dns_snapshot", monitorIdColumn: "monitor_id", numbered: true },
  { name: "finding", monitorIdColumn: "monitor_id", numbered: true },
  { name: "rollup", monitorIdColumn: "monitor_id", numbered: false },
] as const;
