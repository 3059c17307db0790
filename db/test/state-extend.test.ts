import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { type Db, EXTEND_JSON_BYTES, extendStateStatements, vantageStatesOf } from "../src/index";
import { monitor, NOW, organisation, testDb } from "./fixtures";
import { record, summary } from "./record";

const MINUTE = 60_000;
// Enough pairs that their unchanged runs need more than one UPDATE (a row binds under 200 B here).
const PAIRS = Math.ceil(EXTEND_JSON_BYTES / 200) + 20;
const REGIONS = ["weur", "enam", "apac", "wnam", "eeur", "sam", "oc", "afr", "me"];
const monitors = Array.from({ length: Math.ceil(PAIRS / REGIONS.length) }, (_, i) => `mon_ext${i}`);
const pairs = monitors.flatMap((monitorId) => REGIONS.map((r) => ({ monitorId, vantageId: `region:${r}` })));

let db: Db;
beforeAll(async () => {
  db = testDb();
  await organisation(db, "org-ext");
  for (const id of monitors) await monitor(db, "org-ext", id);
  await record(
    db,
    pairs.map((p) => ({ ...p, organisationId: "org-ext", startedAt: NOW, summary: summary(40) })),
  );
});

describe("unchanged runs: state rows extended by JSON-bound UPDATEs", () => {
  it("extends every pair's state over several statements, with the run's summary and accumulators", async () => {
    const rows = pairs.map((p, i) => ({
      ...p,
      spanRuns: 2,
      lastRunAt: NOW + MINUTE,
      durationMs: 100 + i,
      summary: summary(50 + (i % 7)),
      hourStart: NOW,
      hourAcc: { tls: { runs: 2, ok: 2, timed: 2, sumMs: 90 + i, h: { "39": 2 } } },
      dayStart: NOW,
      dayAcc: null,
    }));
    const statements = extendStateStatements(db, rows);
    expect(statements.length).toBeGreaterThan(1);
    const [first, ...rest] = statements;
    if (!first) throw new Error("no statement");
    await db.batch([first, ...rest]);
    const states = new Map((await vantageStatesOf(db, monitors)).map((s) => [`${s.monitorId} ${s.vantageId}`, s]));
    expect(states.size).toBe(pairs.length);
    rows.forEach((r) => {
      const s = states.get(`${r.monitorId} ${r.vantageId}`);
      expect(s).toMatchObject({
        spanRuns: 2,
        lastRunAt: NOW + MINUTE,
        durationMs: r.durationMs,
        // As stored: JSON (the fixture's `error: undefined` is dropped).
        summary: JSON.parse(JSON.stringify(r.summary)),
        hourAcc: r.hourAcc,
        dayAcc: null,
        organisationId: "org-ext",
      });
    });
    // The columns hold JSON text (not a JSON string of it), and SQL NULL for an empty accumulator.
    const raw = await env.DB.prepare(
      "SELECT json_type(summary) AS s, json_type(hour_acc) AS h, day_acc IS NULL AS noDay FROM vantage_state WHERE monitor_id = ? AND vantage_id = ?",
    )
      .bind(rows[0]?.monitorId, rows[0]?.vantageId)
      .first<{ s: string; h: string; noDay: number }>();
    expect(raw).toEqual({ s: "object", h: "object", noDay: 1 });
  });

  it("leaves a row alone that already holds that run or a later one (a redelivery)", async () => {
    const [p] = pairs;
    if (!p) throw new Error("no pair");
    const [before] = (await vantageStatesOf(db, [p.monitorId])).filter((s) => s.vantageId === p.vantageId);
    const stale = {
      ...p,
      spanRuns: 99,
      lastRunAt: NOW,
      durationMs: 1,
      summary: summary(1),
      hourStart: NOW,
      hourAcc: null,
      dayStart: NOW,
      dayAcc: null,
    };
    const [only] = extendStateStatements(db, [stale]);
    if (!only) throw new Error("no statement");
    const [result] = await db.batch([only]);
    expect(result.meta.rows_written).toBe(0);
    const [state] = (await vantageStatesOf(db, [p.monitorId])).filter((s) => s.vantageId === p.vantageId);
    expect(state).toEqual(before);
  });

  it("bills one row written per pair extended: the columns it sets are in no index", async () => {
    const rows = pairs.slice(0, 30).map((p) => ({
      ...p,
      spanRuns: 3,
      lastRunAt: NOW + 2 * MINUTE,
      durationMs: 5,
      summary: summary(60),
      hourStart: NOW,
      hourAcc: null,
      dayStart: NOW,
      dayAcc: null,
    }));
    const [only, ...more] = extendStateStatements(db, rows);
    if (!only) throw new Error("no statement");
    expect(more).toHaveLength(0);
    const [result] = await db.batch([only]);
    expect(result.meta.rows_written).toBe(30);
  });
});
