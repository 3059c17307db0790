/** D1's own counters for what a piece of code wrote: rows written as D1 bills them (index entries included). */
export interface WriteCounter {
  rowsWritten: number;
  statements: number;
}

/**
 * The D1 binding, with every batch() counted: the product code writes through drizzle's batch,
 * whose results drop D1's meta, so the count is taken underneath it.
 */
export function countingD1(db: D1Database, counter: WriteCounter): D1Database {
  return new Proxy(db, {
    get(target, property) {
      if (property === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements);
          for (const r of results) counter.rowsWritten += r.meta.rows_written ?? 0;
          counter.statements += statements.length;
          return results;
        };
      }
      const value = Reflect.get(target, property);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
