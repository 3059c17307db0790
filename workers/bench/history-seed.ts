/**
 * The bench fleet, generated inside SQLite with recursive CTEs (no bound-parameter limits, no
 * round trip per row): 10 organisations of 1,000 monitors, each audited every 5 minutes from
 * 3 regions; a few runs per monitor x region; 90 days of daily rollups for the first
 * organisation and 7 days of hourly ones for 100 of its monitors; and, for the naive design,
 * 90 days of per-probe rows for the monitor the chart query reads.
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
const TRANSPORTS = `(SELECT 'udp' AS t UNION ALL SELECT 'tcp' UNION ALL SELECT 'tls' UNION ALL SELECT 'wss')`;

export function seedStatements(o: SeedOptions): { sql: string; params: unknown[] }[] {
  const organisations = Math.ceil(o.monitors / o.perOrganisation);
  return [
    {
      sql: `CREATE TABLE IF NOT EXISTS bench_naive_report (monitor_id TEXT, vantage_id TEXT, started_at INTEGER, report TEXT)`,
      params: [],
    },
    {
      sql: `CREATE TABLE IF NOT EXISTS bench_naive_probe (monitor_id TEXT, vantage_id TEXT, transport TEXT, started_at INTEGER, ok INTEGER, ms INTEGER)`,
      params: [],
    },
    {
      sql: `CREATE INDEX IF NOT EXISTS bench_naive_probe_idx ON bench_naive_probe (monitor_id, started_at)`,
      params: [],
    },
    {
      sql: `CREATE TABLE IF NOT EXISTS bench_naive_finding (monitor_id TEXT, vantage_id TEXT, finding_id TEXT, subject TEXT, body TEXT, seen_at INTEGER)`,
      params: [],
    },
    {
      sql: `${series("n", organisations)} INSERT INTO organisation (id, name, slug, created_at) SELECT 'org_' || i, 'Bench ' || i, 'bench-' || i, ? FROM n`,
      params: [o.now],
    },
    {
      sql: `${series("n", o.monitors)} INSERT INTO monitor (id, organisation_id, name, target, expected_transports, regions, interval_minutes, phase_minute, thresholds, is_public, enabled, created_at, updated_at)
        SELECT 'mon_' || i, 'org_' || (i / ${o.perOrganisation}), 'Monitor ' || i, 'sip' || i || '.example.com', '["udp","tcp","tls"]', ${REGIONS}, 5, i % 5,
          '{"failuresToOpen":2,"successesToResolve":2,"slowMs":1000,"certExpiryDays":14}', 0, 1, ?, ?
        FROM n`,
      params: [o.now, o.now],
    },
    {
      sql: `${series("n", o.monitors * o.runsPerPair)} INSERT INTO run (monitor_id, vantage_id, started_at, duration_ms, status, snapshot_id, summary)
        SELECT 'mon_' || (i / ${o.runsPerPair}), v, ? - (i % ${o.runsPerPair}) * 300000, 900, 'ok', NULL, ? FROM n, ${VANTAGES}`,
      params: [o.now, o.summary],
    },
    {
      sql: `${series("n", o.perOrganisation * 90)} INSERT INTO rollup (monitor_id, vantage_id, transport, granularity, bucket_start, runs, successes, p50_ms, p95_ms)
        SELECT 'mon_' || (i / 90), v, t, 'day', ? - (i % 90) * ${DAY}, 288, 287, 40 + (i % 7), 90 + (i % 11) FROM n, ${VANTAGES}, ${TRANSPORTS}`,
      params: [Math.floor(o.now / DAY) * DAY],
    },
    {
      sql: `${series("n", 100 * 168)} INSERT INTO rollup (monitor_id, vantage_id, transport, granularity, bucket_start, runs, successes, p50_ms, p95_ms)
        SELECT 'mon_' || (i / 168), v, t, 'hour', ? - (i % 168) * ${HOUR}, 12, 12, 40 + (i % 7), 90 + (i % 11) FROM n, ${VANTAGES}, ${TRANSPORTS}`,
      params: [Math.floor(o.now / HOUR) * HOUR],
    },
    {
      sql: `${series("n", 90 * 288)} INSERT INTO bench_naive_probe (monitor_id, vantage_id, transport, started_at, ok, ms)
        SELECT 'mon_0', v, t, ? - i * 300000, (i % 97) != 0, 30 + (i % 50) FROM n, ${VANTAGES}, ${TRANSPORTS}`,
      params: [o.now],
    },
  ];
}
