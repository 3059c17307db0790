import { env } from "cloudflare:workers";
import { expect } from "vitest";

/**
 * Columns every authenticated request may touch (a token's last use, an agent's last contact,
 * a session's refresh): bookkeeping, not something an attack stored.
 */
const BOOKKEEPING: Record<string, string[]> = {
  api_token: ["last_used_at"],
  vantage_point: ["last_seen_at", "version"],
  session: ["updated_at", "expires_at"],
};

/**
 * Tables whose rows any request may add: an organisation's placement on a history shard
 * (history_shard) is made the first time its history is read or written, whatever the request.
 */
const PLACEMENT = ["history_shard"];

/** Every D1 database the Worker has: the control database and both history shards. */
const DATABASES = { DB: env.DB, HISTORY_1: env.HISTORY_1, HISTORY_2: env.HISTORY_2 };

/** Every row of every sipwatch table (D1's own excepted) of every database, as one comparable string. */
export async function storedRows(): Promise<string> {
  const dump: Record<string, unknown[]> = {};
  for (const [binding, db] of Object.entries(DATABASES)) {
    if (!db) throw new Error(`The test Worker has no ${binding} binding (wrangler.toml)`);
    await dumpInto(dump, binding, db);
  }
  return JSON.stringify(dump);
}

async function dumpInto(dump: Record<string, unknown[]>, binding: string, db: D1Database): Promise<void> {
  const tables = await db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations', 'sqlite_sequence') ORDER BY name",
    )
    .all<{ name: string }>();
  for (const { name } of tables.results) {
    if (PLACEMENT.includes(name)) continue;
    // WITHOUT ROWID tables (vantage_state, rollup) have no rowid: their primary key orders them.
    const rows = await db.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
    const skipped = BOOKKEEPING[name] ?? [];
    dump[`${binding}.${name}`] = rows.results.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([k]) => !skipped.includes(k))),
    );
  }
}

/** Runs the attack and asserts that no table changed; returns what the attack returned. */
export async function withNothingStored<T>(attack: () => Promise<T>): Promise<T> {
  const before = await storedRows();
  const result = await attack();
  expect(await storedRows()).toBe(before);
  return result;
}

/** The problem document a refusal must be: its status, code and media type. */
export async function expectProblem(
  response: Response,
  status: number,
  code: string,
): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toContain("application/problem+json");
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, code });
  return body;
}
