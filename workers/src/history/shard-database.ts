import { HistoryUnavailableError } from "./history-unavailable";

const QUERY_ERRORS = /constraint failed|SQLITE_CONSTRAINT|syntax error|no such (table|column)|too many SQL variables/i;

/**
 * A history shard's D1 binding whose failures say which shard failed: every error a statement
 * or batch throws becomes a HistoryUnavailableError naming the shard (the cause kept), so one
 * place (app.onError, the queue consumer) can answer 503 or retry for that shard's
 * organisations alone, whatever query function was running. Only the calls drizzle's D1 driver
 * makes are wrapped; batch() gets the real statements back.
 */
export function shardDatabase(d1: D1Database, shard: string): D1Database {
  const inner = new WeakMap<object, D1PreparedStatement>();
  const fail = (cause: unknown): never => {
    // A constraint or a bad statement is the caller's bug or its expected outcome, not an outage.
    if (cause instanceof Error && QUERY_ERRORS.test(cause.message)) throw cause;
    throw new HistoryUnavailableError(shard, null, "failed", { cause });
  };
  const guard = <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return run().catch(fail);
    } catch (cause) {
      return Promise.reject(cause).catch(fail);
    }
  };
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      first: (column?: string) => guard(() => (column === undefined ? stmt.first() : stmt.first(column))),
      run: () => guard(() => stmt.run()),
      all: () => guard(() => stmt.all()),
      raw: (options?: { columnNames?: boolean }) =>
        guard(() => (options?.columnNames ? stmt.raw({ columnNames: true }) : stmt.raw())),
    } as unknown as D1PreparedStatement;
    inner.set(wrapped, stmt);
    return wrapped;
  };
  return {
    prepare: (query: string) => {
      try {
        return wrap(d1.prepare(query));
      } catch (cause) {
        return fail(cause);
      }
    },
    batch: (statements: D1PreparedStatement[]) => guard(() => d1.batch(statements.map((s) => inner.get(s) ?? s))),
    exec: (query: string) => guard(() => d1.exec(query)),
    dump: () => guard(() => d1.dump()),
    withSession: (constraint?: string) => d1.withSession(constraint),
  } as D1Database;
}
