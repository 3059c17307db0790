/**
 * The read-side bench fleet, generated inside SQLite with recursive CTEs (no bound-parameter
 * limits, no round trip per row): organisations of 1,000 monitors audited from 3 regions; their
 * state rows; 90 days of daily and 7 days of hourly rollups for the first organisation. And the
 * same history in today's design (before issue 15), in bench-only tables: the `run` table with
 * its indexes (bench_old_run, a few runs per pair) and one rollup row per transport
 * (bench_old_rollup), so both designs' reads are timed in the same run.
 * As deployed (wrangler.toml), the control tables (organisation, monitor) go to the control
 * database and the history (state rows, rollups) to a history shard; today's design kept
 * everything in the one database, so its tables go to the control database.
 */
export interface SeedOptions {
  monitors: number;
  perOrganisation: number;
  runsPerPair: number;
  now: number;
  summary: string;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const REGIONS = `'["weur","enam","apac"]'`;
const series = (name: string, count: number) =>
  `WITH RECURSIVE ${name}(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM ${name} WHERE i + 1 < ${count})`;
const VANTAGES = `(SELECT 'region:weur' AS v UNION ALL SELECT 'region:enam' UNION ALL SELECT 'region:apac')`;
const TRANSPORTS = `(SELECT 'udp' AS t UNION ALL SELECT 'tcp' UNION ALL SELECT 'tls' UNION ALL SELECT 'all')`;

/** Today's (pre-issue-15) run and rollup tables, as migrations 0000-0006 made them. */
export const OLD_TABLES = [
  `CREATE TABLE IF NOT EXISTS bench_old_run (id INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, monitor_id TEXT NOT NULL, vantage_id TEXT NOT NULL,
    started_at INTEGER NOT NULL, duration_ms INTEGER NOT NULL, status TEXT NOT NULL, snapshot_id INTEGER, summary TEXT NOT NULL, report_id TEXT)`,
  "CREATE INDEX IF NOT EXISTS bench_old_run_mvt ON bench_old_run (monitor_id, vantage_id, started_at)",
  "CREATE INDEX IF NOT EXISTS bench_old_run_time ON bench_old_run (started_at)",
  "CREATE UNIQUE INDEX IF NOT EXISTS bench_old_run_report ON bench_old_run (monitor_id, report_id) WHERE report_id IS NOT NULL",
  `CREATE TABLE IF NOT EXISTS bench_old_rollup (monitor_id TEXT NOT NULL, vantage_id TEXT NOT NULL, transport TEXT NOT NULL, granularity TEXT NOT NULL,
    bucket_start INTEGER NOT NULL, runs INTEGER NOT NULL, successes INTEGER NOT NULL, p50_ms INTEGER, p95_ms INTEGER,
    PRIMARY KEY (monitor_id, vantage_id, transport, granularity, bucket_start))`,
];

// A day's or hour's transports in the new row: counts and a few histogram bins each.
const ACC = (runs: string, ok: string) =>
  `json_group_object(t, json_object('runs', ${runs}, 'ok', ${ok}, 'timed', ${ok}, 'sumMs', ${ok} * 45, 'h', json_object('39', ${ok} / 2, '40', ${ok} / 4, '41', ${ok} - ${ok} / 2 - ${ok} / 4)))`;

/** Which database a seed statement writes: the control database or the organisation's history shard. */
export type SeedTarget = "control" | "history";

export function seedStatements(o: SeedOptions): { sql: string; params: unknown[]; target: SeedTarget }[] {
  const organisations = Math.ceil(o.monitors / o.perOrganisation);
  const day0 = Math.floor(o.now / DAY) * DAY;
  const hour0 = Math.floor(o.now / HOUR) * HOUR;
  return [
    ...OLD_TABLES.map((sql) => ({ sql, params: [], target: "control" as const })),
    {
      sql: `${series("n", organisations)} INSERT INTO organisation (id, name, slug, created_at) SELECT 'org_' || i, 'Bench ' || i, 'bench-' || i, ? FROM n`,
      params: [o.now],
      target: "control",
    },
    {
      sql: `${series("n", o.monitors)} INSERT INTO monitor (id, organisation_id, name, target, expected_transports, regions, interval_minutes, phase_minute, thresholds, is_public, enabled, created_at, updated_at)
        SELECT 'mon_' || i, 'org_' || (i / ${o.perOrganisation}), 'Monitor ' || i, 'sip' || i || '.example.com', '["udp","tcp","tls"]', ${REGIONS}, 5, i % 5,
          '{"failuresToOpen":2,"successesToResolve":2,"slowMs":1000,"certExpiryDays":14}', 0, 1, ?, ?
        FROM n`,
      params: [o.now, o.now],
      target: "control",
    },
    {
      sql: `${series("n", o.monitors)} INSERT INTO vantage_state (monitor_id, vantage_id, organisation_id, outcome, span_id, span_started_at, span_runs, last_run_at, duration_ms, summary, snapshot_id, hour_start, hour_acc, day_start, day_acc)
        SELECT 'mon_' || i, v, 'org_' || (i / ${o.perOrganisation}), 'seed', 0, ? - 86400000, 288, ?, 900, ?, NULL, ?, NULL, ?, NULL FROM n, ${VANTAGES}`,
      params: [o.now, o.now, o.summary, hour0, day0],
      target: "history",
    },
    {
      sql: `${series("n", o.perOrganisation * 90)} INSERT INTO rollup (monitor_id, granularity, bucket_start, vantage_id, runs, successes, transports)
        SELECT 'mon_' || (i / 90), 'day', ? - (i % 90) * ${DAY}, v, 288, 287, (SELECT ${ACC("288", "287")} FROM ${TRANSPORTS}) FROM n, ${VANTAGES}`,
      params: [day0],
      target: "history",
    },
    {
      sql: `${series("n", 100 * 168)} INSERT INTO rollup (monitor_id, granularity, bucket_start, vantage_id, runs, successes, transports)
        SELECT 'mon_' || (i / 168), 'hour', ? - (i % 168) * ${HOUR}, v, 12, 12, (SELECT ${ACC("12", "12")} FROM ${TRANSPORTS}) FROM n, ${VANTAGES}`,
      params: [hour0],
      target: "history",
    },
    {
      sql: `${series("n", o.monitors * o.runsPerPair)} INSERT INTO bench_old_run (monitor_id, vantage_id, started_at, duration_ms, status, snapshot_id, summary)
        SELECT 'mon_' || (i / ${o.runsPerPair}), v, ? - (i % ${o.runsPerPair}) * 300000, 900, 'ok', NULL, ? FROM n, ${VANTAGES}`,
      params: [o.now, o.summary],
      target: "control",
    },
    {
      sql: `${series("n", o.perOrganisation * 90)} INSERT INTO bench_old_rollup (monitor_id, vantage_id, transport, granularity, bucket_start, runs, successes, p50_ms, p95_ms)
        SELECT 'mon_' || (i / 90), v, t, 'day', ? - (i % 90) * ${DAY}, 288, 287, 40 + (i % 7), 90 + (i % 11) FROM n, ${VANTAGES}, ${TRANSPORTS}`,
      params: [day0],
      target: "control",
    },
  ];
}
