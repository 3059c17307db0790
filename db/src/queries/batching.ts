import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../db";

export type Statement = BatchItem<"sqlite">;

/** D1 binds at most 100 parameters per statement (Cloudflare D1 limits). */
export const MAX_BOUND_PARAMETERS = 100;

/** Rows per multi-row statement for a row that binds `paramsPerRow` parameters. */
export const rowsPerStatement = (paramsPerRow: number) => Math.max(1, Math.floor(MAX_BOUND_PARAMETERS / paramsPerRow));

/** Splits `items` into runs of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs statements through batch() in groups, so a big tick does not build one giant request. */
export async function runStatements(db: Db, statements: readonly Statement[], perBatch = 200): Promise<void> {
  for (const group of chunk(statements, perBatch)) {
    const [first, ...rest] = group;
    if (first) await db.batch([first, ...rest]);
  }
}
