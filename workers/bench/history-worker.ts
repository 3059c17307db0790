/**
 * The Worker `d1-history.bench.ts` runs in workerd over a local D1. Each route seeds data or
 * times one operation against the real query functions and against the naive design it
 * replaces, and reports D1's own counters (rows written, database size). workerd moves its
 * clock only when I/O completes, which is exactly what a D1 round trip is, so
 * `performance.now()` around awaited queries measures their latency.
 */
import type { Finding, RunSummary } from "@sipwatch/core";
import {
  dueMonitors,
  latestSnapshotHashes,
  listMonitors,
  minuteOf,
  openFindings,
  overviewOfOrganisation,
  type RunRecord,
  recordRunStatements,
  rollupsInWindow,
} from "@sipwatch/db";
import * as schema from "@sipwatch/db/schema";
import { drizzle } from "drizzle-orm/d1";
import { planMinute } from "../src/scheduled/plan-minute";
import { seedStatements } from "./history-seed";

interface Env {
  DB: D1Database;
}

type Db = ReturnType<typeof drizzle<typeof schema>>;

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

/**
 * D1's counters for a batch: table rows changed (`changes`), rows written as D1 bills them
 * (`rows_written`, which also counts every index entry), and the database size after it.
 */
async function executeCounted(env: Env, statements: D1PreparedStatement[]) {
  let rowsWritten = 0;
  let changes = 0;
  let sizeAfter = 0;
  for (let i = 0; i < statements.length; i += 200) {
    const results = await env.DB.batch(statements.slice(i, i + 200));
    for (const r of results) {
      rowsWritten += r.meta.rows_written ?? 0;
      changes += r.meta.changes ?? 0;
    }
    sizeAfter = results.at(-1)?.meta.size_after ?? sizeAfter;
  }
  return { rowsWritten, changes, sizeAfter };
}

/** drizzle builds the statements (the product's code path); D1 runs them so its counters are visible. */
function prepared(env: Env, statements: { toSQL(): { sql: string; params: unknown[] } }[]): D1PreparedStatement[] {
  return statements.map((s) => {
    const { sql, params } = s.toSQL();
    return env.DB.prepare(sql).bind(...params);
  });
}

async function dbSize(env: Env): Promise<number> {
  const r = await env.DB.prepare("SELECT 1").run();
  return r.meta.size_after ?? 0;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const db: Db = drizzle(env.DB, { schema });
    const body = request.method === "POST" ? await request.json<Record<string, unknown>>() : {};
    const json = (value: unknown) => Response.json(value);
    switch (url.pathname) {
      case "/migrate": {
        for (const sql of body.statements as string[]) await env.DB.prepare(sql).run();
        return json({ ok: true });
      }
      case "/seed": {
        const started = performance.now();
        for (const { sql, params } of seedStatements(body as never))
          await env.DB.prepare(sql)
            .bind(...params)
            .run();
        return json({ ms: performance.now() - started, bytes: await dbSize(env) });
      }
      case "/plan": {
        const minute = Number(body.minute);
        const regions = ["weur", "enam", "apac"];
        const product = await timed(5, async () => {
          const due = await dueMonitors(db, minute);
          const hashes = await latestSnapshotHashes(
            db,
            due.map((m) => m.id),
          );
          return planMinute(due, hashes, { defaultRegions: regions });
        });
        // The usual design: every monitor carries next_run_at; read them all and pick the due ones.
        const naive = await timed(5, async () => {
          const all = await env.DB.prepare("SELECT * FROM monitor WHERE enabled = 1").all<{
            interval_minutes: number;
            phase_minute: number;
          }>();
          return all.results.filter((m) => (minute + m.phase_minute) % m.interval_minutes === 0);
        });
        const jobs = product.result.reduce((n, b) => n + b.jobs.length, 0);
        return json({
          productMs: product.ms,
          naiveMs: naive.ms,
          jobs,
          batches: product.result.length,
          naiveDue: naive.result.length,
        });
      }
      case "/record": {
        const minute = Number(body.minute);
        const summary = body.summary as RunSummary;
        const finding = body.finding as Finding;
        const changeEvery = Number(body.changeEvery);
        const due = await dueMonitors(db, minute);
        const ids = due.map((m) => m.id);
        const open = await openFindings(db, ids);
        const startedAt = minute * 60_000;
        const records: RunRecord[] = due.flatMap((m, i) =>
          m.regions.map((region) => {
            const vantageId = `region:${region}`;
            const isOpen = (open.get(`${m.id} ${vantageId}`) ?? []).length > 0;
            // A steady fleet: one monitor in `changeEvery` flips a finding this run.
            const flips = i % changeEvery === 0;
            return {
              monitorId: m.id,
              vantageId,
              startedAt,
              durationMs: 900,
              summary,
              opened: flips && !isOpen ? [finding] : [],
              resolvedIds: flips && isOpen ? (open.get(`${m.id} ${vantageId}`) ?? []).map((f) => f.id) : [],
            };
          }),
        );
        const before = await dbSize(env);
        const product = await executeCounted(env, prepared(env, recordRunStatements(db, records) as never));
        // The naive design: a row per probe, the whole report as JSON, and every finding again each run.
        const report = JSON.stringify(body.report);
        const naiveStatements = records.flatMap((r) => [
          env.DB.prepare(
            "INSERT INTO bench_naive_report (monitor_id, vantage_id, started_at, report) VALUES (?, ?, ?, ?)",
          ).bind(r.monitorId, r.vantageId, r.startedAt, report),
          ...summary.targets.map((t) =>
            env.DB.prepare(
              "INSERT INTO bench_naive_probe (monitor_id, vantage_id, transport, started_at, ok, ms) VALUES (?, ?, ?, ?, ?, ?)",
            ).bind(r.monitorId, r.vantageId, t.transport, r.startedAt, t.outcome === "ok" ? 1 : 0, t.sipMs),
          ),
          ...(body.reportFindings as Finding[]).map((f) =>
            env.DB.prepare(
              "INSERT INTO bench_naive_finding (monitor_id, vantage_id, finding_id, subject, body, seen_at) VALUES (?, ?, ?, ?, ?, ?)",
            ).bind(r.monitorId, r.vantageId, f.id, f.subject, JSON.stringify(f), r.startedAt),
          ),
        ]);
        const middle = await dbSize(env);
        const naive = await executeCounted(env, naiveStatements);
        return json({
          runs: records.length,
          product: { rowsWritten: product.rowsWritten, changes: product.changes, bytes: product.sizeAfter - before },
          naive: { rowsWritten: naive.rowsWritten, changes: naive.changes, bytes: naive.sizeAfter - middle },
        });
      }
      case "/chart": {
        const now = Number(body.now);
        const product = await timed(9, () => rollupsInWindow(db, "mon_0", "90d", now));
        const naive = await timed(3, async () => {
          const rows = await env.DB.prepare(
            "SELECT vantage_id, transport, started_at / 86400000 AS day, ok, ms FROM bench_naive_probe WHERE monitor_id = ? AND started_at >= ?",
          )
            .bind("mon_0", now - 90 * 86_400_000)
            .all<{ vantage_id: string; transport: string; day: number; ok: number; ms: number | null }>();
          const buckets = new Map<string, number[]>();
          for (const r of rows.results) {
            const key = `${r.vantage_id} ${r.transport} ${r.day}`;
            const list = buckets.get(key) ?? [];
            list.push(r.ms ?? -1);
            buckets.set(key, list);
          }
          return [...buckets.values()].map((ms) => median(ms));
        });
        return json({
          productMs: product.ms,
          naiveMs: naive.ms,
          points: product.result.buckets.length,
          naivePoints: naive.result.length,
        });
      }
      case "/overview": {
        const org = String(body.organisationId);
        const product = await timed(9, async () => {
          const [list, latest] = await Promise.all([
            listMonitors(db, org, { limit: 1000 }),
            overviewOfOrganisation(db, org),
          ]);
          return { monitors: list.monitors.length, runs: latest.length };
        });
        // N+1: the monitors, then the latest run of each monitor x region, one query each.
        const naive = await timed(3, async () => {
          const list = await env.DB.prepare("SELECT id, regions FROM monitor WHERE organisation_id = ?")
            .bind(org)
            .all<{ id: string; regions: string }>();
          let found = 0;
          for (const m of list.results) {
            for (const region of JSON.parse(m.regions) as string[]) {
              const run = await env.DB.prepare(
                "SELECT * FROM run WHERE monitor_id = ? AND vantage_id = ? ORDER BY started_at DESC LIMIT 1",
              )
                .bind(m.id, `region:${region}`)
                .first();
              if (run) found++;
            }
          }
          return { monitors: list.results.length, runs: found };
        });
        return json({ productMs: product.ms, naiveMs: naive.ms, product: product.result, naive: naive.result });
      }
      case "/minute":
        return json({ minute: minuteOf(Date.now()) });
      default:
        return new Response("not found", { status: 404 });
    }
  },
} satisfies ExportedHandler<Env>;
