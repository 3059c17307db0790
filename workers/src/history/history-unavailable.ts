/**
 * An organisation's history cannot be read or written right now: its shard failed (D1 down,
 * overloaded, a binding missing after a bad deploy) or it is moving to another shard. Routes
 * answer 503 with Retry-After; the queue consumer retries the message later. The message names
 * the shard for the logs; the public problem does not.
 */
export class HistoryUnavailableError extends Error {
  readonly shard: string;
  readonly organisationId: string | null;
  readonly reason: "failed" | "moving" | "unbound";
  constructor(
    shard: string,
    organisationId: string | null,
    reason: HistoryUnavailableError["reason"],
    options?: { cause?: unknown },
  ) {
    const why = {
      failed: `history shard ${shard} failed`,
      moving: `organisation ${organisationId} is moving off history shard ${shard}`,
      unbound: `history shard ${shard} is not bound to the Worker (wrangler.toml d1_databases)`,
    }[reason];
    super(options?.cause instanceof Error ? `${why}: ${options.cause.message}` : why, options);
    this.name = "HistoryUnavailableError";
    this.shard = shard;
    this.organisationId = organisationId;
    this.reason = reason;
  }
}

/** True when `error`, or an error it wraps (drizzle wraps driver errors in `cause`), is one. */
export function historyUnavailableIn(error: unknown): HistoryUnavailableError | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if (e instanceof HistoryUnavailableError) return e;
  }
  return null;
}
