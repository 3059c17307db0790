import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "./schema/index";

/**
 * The database the query functions take as their first argument. Declared by shape so that db/
 * does not depend on the Worker: drizzle's D1 database (workers/src/services.ts) fits it.
 */
export type Db = BaseSQLiteDatabase<"async", unknown, typeof schema> & {
  batch<U extends BatchItem<"sqlite">, T extends Readonly<[U, ...U[]]>>(batch: T): Promise<BatchResponse<T>>;
};

/**
 * True when a write failed on a UNIQUE index over `table.column`. D1 reports it as SQLite does
 * ("UNIQUE constraint failed: monitor.slug"); drizzle wraps the driver's error in `cause`.
 */
export function isUniqueViolation(error: unknown, tableColumn: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e.message.includes(`UNIQUE constraint failed: ${tableColumn}`)) return true;
  }
  return false;
}
