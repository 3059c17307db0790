/**
 * The Worker `d1-history.bench.ts` runs in workerd over local D1s. Each route seeds data, or
 * records a round of results / times one read, through the product's own code and through
 * today's design (before issue 15: a `run` row per monitor x vantage x run), and reports D1's
 * own counters (rows written, database size). As deployed, the control database (DB: monitors,
 * and today's design's run rows, which lived there) and the history shard (HISTORY: state rows,
 * spans, rollups, findings) are separate D1s, so reads of both overlap. workerd moves its clock only when I/O completes,
 * which is exactly what a D1 round trip is, so `performance.now()` around awaited queries
 * measures their latency.
 */
import type { Finding, RunSummary } from "@sipwatch/core";
import {
  dueMonitors,
  latestSnapshotHashes,
  listMonitors,
  openFindingsOfOrganisation,
  overviewOfOrganisation,
  rollupsInWindow,
} from "@sipwatch/db";
import * as schema from "@sipwatch/db/schema";
import { drizzle } from "drizzle-orm/d1";
import type { AuditResult } from "../src/probing/audit-job";
import { storeResults } from "../src/probing/store-results";
import { planMinute } from "../src/scheduled/plan-minute";
import { countingD1, type WriteCounter } from "./counting-d1";
import { seedStatements } from "./history-seed";
import { oldOverview, oldRunStatements } from "./old-history";

interface Env {
  /** The control database; today's design kept its run rows here too. */
  DB: D1Database;
  /** The read fleet's history shard, and the write scenarios'. */
  HISTORY: D1Database;
  /** A fresh shard for the simulated day. */
  SHARD: D1Database;
}

type Binding = keyof Env;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function timed<T>(repeat: number, run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < repeat; i++) {
    const started = performance.now();
    result = await run();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result: result as T };
}

async function dbSize(db: D1Database): Promise<number> {
  const r = await db.prepare("SELECT 1").run();
  return r.meta.size_after ?? 0;
}

/** Which pairs currently show the "changed" outcome, per fleet prefix: the bench's synthetic service. */
const flipped = new Map<string, Set<string>>();

/** A deterministic hash in [0, 1) of a pair and a round: which pairs change this round. */
function chance(key: string, round: number): number {
  let h = 2166136261 ^ round;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 1_000_000) / 1_000_000;
}

interface RoundBody {
  db: "HISTORY" | "SHARD";
  prefix: string;
  monitors: number;
  regions: string[];
  minute: number;
  changeRate: number;
  steady: RunSummary;
  changed: RunSummary;
  finding: Finding;
  /** Also write today's run rows for the same results, into the control database's bench_old_run. */
  baseline: boolean;
}

/** One minute of a fleet: every monitor x region reports; `changeRate` of them flip outcome. */
async function round(env: Env, body: RoundBody) {
  const d1 = env[body.db];
  const state = flipped.get(body.prefix) ?? new Set<string>();
  flipped.set(body.prefix, state);
  const startedAt = body.minute * 60_000;
  const results: AuditResult[] = [];
  for (let m = 0; m < body.monitors; m++) {
    for (const region of body.regions) {
      const monitorId = `${body.prefix}_${m}`;
      const key = `${monitorId} ${region}`;
      if (chance(key, body.minute) < body.changeRate) {
        if (state.has(key)) state.delete(key);
        else state.add(key);
      }
      const isChanged = state.has(key);
      results.push({
        monitorId,
        vantageId: `region:${region}`,
        startedAt,
        // Round trips vary run to run; they are not part of the outcome.
        durationMs: 800 + (m % 50),
        summary: withRoundTrip(isChanged ? body.changed : body.steady, 30 + ((m * 7 + body.minute) % 40)),
        recordSets: [],
        hash: "steady-dns",
        resolution: null,
        findings: isChanged ? [body.finding] : [],
      });
    }
  }
  const product: WriteCounter = { rowsWritten: 0, statements: 0 };
  const before = await dbSize(d1);
  const started = performance.now();
  await storeResults(drizzle(countingD1(d1, product), { schema }), results, {
    organisationOf: () => `${body.prefix}_org`,
  });
  const ms = performance.now() - started;
  const after = await dbSize(d1);
  const old: WriteCounter = { rowsWritten: 0, statements: 0 };
  let oldBytes = 0;
  if (body.baseline) {
    const oldBefore = await dbSize(env.DB);
    const statements = oldRunStatements(env.DB, results);
    for (let i = 0; i < statements.length; i += 200) {
      for (const r of await env.DB.batch(statements.slice(i, i + 200))) old.rowsWritten += r.meta.rows_written ?? 0;
    }
    oldBytes = (await dbSize(env.DB)) - oldBefore;
  }
  return {
    runs: results.length,
    ms,
    product: { rowsWritten: product.rowsWritten, bytes: after - before },
    old: { rowsWritten: old.rowsWritten, bytes: oldBytes },
    size: after,
  };
}

function withRoundTrip(summary: RunSummary, ms: number): RunSummary {
  const transports = Object.fromEntries(
    Object.entries(summary.transports).map(([t, s]) => [t, s?.ok ? { ...s, ms: ms + t.length } : s]),
  );
  return { ...summary, transports };
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const db = drizzle(env.DB, { schema });
    const history = drizzle(env.HISTORY, { schema });
    const body = request.method === "POST" ? await request.json<Record<string, unknown>>() : {};
    const json = (value: unknown) => Response.json(value);
    switch (url.pathname) {
      case "/migrate": {
        const d1 = env[(body.db as Binding) ?? "DB"];
        for (const sql of body.statements as string[]) await d1.prepare(sql).run();
        return json({ ok: true, bytes: await dbSize(d1) });
      }
      case "/seed": {
        const started = performance.now();
        for (const { sql, params, target } of seedStatements(body as never))
          await env[target === "control" ? "DB" : "HISTORY"]
            .prepare(sql)
            .bind(...params)
            .run();
        return json({
          ms: performance.now() - started,
          bytes: (await dbSize(env.DB)) + (await dbSize(env.HISTORY)),
        });
      }
      case "/plan": {
        const minute = Number(body.minute);
        const regions = ["weur", "enam", "apac"];
        const product = await timed(5, async () => {
          const due = await dueMonitors(db, minute);
          const hashes = await latestSnapshotHashes(
            history,
            due.map((m) => m.id),
          );
          return planMinute(due, hashes, { defaultRegions: regions });
        });
        const jobs = product.result.reduce((n, b) => n + b.jobs.length, 0);
        return json({ productMs: product.ms, jobs, batches: product.result.length });
      }
      case "/round":
        return json(await round(env, body as unknown as RoundBody));
      case "/census": {
        const d1 = env[(body.db as Binding) ?? "DB"];
        const count = async (sql: string) => (await d1.prepare(sql).first<{ n: number }>())?.n ?? 0;
        return json({
          bytes: await dbSize(d1),
          states: await count("SELECT count(*) AS n FROM vantage_state"),
          spans: await count("SELECT count(*) AS n FROM state_span"),
          findings: await count("SELECT count(*) AS n FROM finding"),
          hourly: await count("SELECT count(*) AS n FROM rollup WHERE granularity = 'hour'"),
          daily: await count("SELECT count(*) AS n FROM rollup WHERE granularity = 'day'"),
          // Row payloads (SQLite adds a few bytes of header per row and per index entry).
          hourlyBytes: await count(
            "SELECT coalesce(sum(length(transports) + 40), 0) AS n FROM rollup WHERE granularity = 'hour'",
          ),
          dailyBytes: await count(
            "SELECT coalesce(sum(length(transports) + 40), 0) AS n FROM rollup WHERE granularity = 'day'",
          ),
          spanBytes: await count("SELECT coalesce(sum(length(summary) + 80), 0) AS n FROM state_span"),
          findingBytes: await count(
            "SELECT coalesce(sum(length(title) + length(detail) + length(fix) + length(evidence) + 120), 0) AS n FROM finding",
          ),
          stateBytes: await count(
            "SELECT coalesce(sum(length(summary) + coalesce(length(hour_acc), 0) + coalesce(length(day_acc), 0) + 100), 0) AS n FROM vantage_state",
          ),
        });
      }
      case "/chart": {
        const now = Number(body.now);
        const product = await timed(9, () => rollupsInWindow(history, "mon_0", "90d", now));
        const old = await timed(9, async () =>
          env.DB.prepare(
            "SELECT * FROM bench_old_rollup WHERE monitor_id = ? AND granularity = 'day' AND bucket_start >= ? ORDER BY bucket_start, vantage_id, transport",
          )
            .bind("mon_0", now - 90 * 86_400_000)
            .all(),
        );
        return json({
          productMs: product.ms,
          oldMs: old.ms,
          points: product.result.buckets.length,
          oldPoints: old.result.results.length,
        });
      }
      case "/overview": {
        const org = String(body.organisationId);
        // As the route does it: the control database's monitor list and the organisation's history
        // (its shard) side by side.
        const product = await timed(9, async () => {
          const [list, latest] = await Promise.all([
            listMonitors(db, org, { limit: 1000 }),
            overviewOfOrganisation(history, org),
            openFindingsOfOrganisation(history, org),
          ]);
          return { monitors: list.monitors.length, runs: latest.length };
        });
        const old = await timed(9, async () => {
          const [list, latest] = await Promise.all([listMonitors(db, org, { limit: 1000 }), oldOverview(env.DB, org)]);
          return { monitors: list.monitors.length, runs: latest.length };
        });
        // Where the time goes: each read alone, and the state rows as the previous version read
        // them (a result row per pair instead of one JSON array), under the same load.
        const parts = {
          stateRowsPerPair: (
            await timed(9, () =>
              env.HISTORY.prepare(
                "SELECT monitor_id, vantage_id, last_run_at, json_extract(summary, '$.status', '$.transports', '$.certDaysLeft', '$.findings') AS slim FROM vantage_state WHERE organisation_id = ? ORDER BY monitor_id, vantage_id",
              )
                .bind(org)
                .all<{ slim: string }>()
                .then((r) => r.results.map((row) => JSON.parse(row.slim) as unknown)),
            )
          ).ms,
          monitorList: (await timed(9, () => listMonitors(db, org, { limit: 1000 }))).ms,
          stateRows: (await timed(9, () => overviewOfOrganisation(history, org))).ms,
          openFindings: (await timed(9, () => openFindingsOfOrganisation(history, org))).ms,
        };
        return json({ productMs: product.ms, oldMs: old.ms, product: product.result, old: old.result, parts });
      }
      default:
        return new Response("not found", { status: 404 });
    }
  },
} satisfies ExportedHandler<Env>;
