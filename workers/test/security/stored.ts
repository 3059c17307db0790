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

/** Every row of every sipwatch table (D1's own excepted), as one comparable string. */
export async function storedRows(): Promise<string> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT IN ('d1_migrations', 'sqlite_sequence') ORDER BY name",
  ).all<{ name: string }>();
  const dump: Record<string, unknown[]> = {};
  for (const { name } of tables.results) {
    if (PLACEMENT.includes(name)) continue;
    const rows = await env.DB.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all<Record<string, unknown>>();
    const skipped = BOOKKEEPING[name] ?? [];
    dump[name] = rows.results.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([k]) => !skipped.includes(k))),
    );
  }
  return JSON.stringify(dump);
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
