import type { ProbeOptions } from "./types";

/**
 * One probe's time budget: every socket a probe opens lives inside it, so a probe ends within
 * `timeoutMs` whatever the peer does, or as soon as the caller's signal aborts.
 */
export class ProbeDeadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout>;
  private readonly endsAt: number;
  private readonly onCallerAbort = () => this.controller.abort("aborted");

  constructor(private readonly options: ProbeOptions) {
    this.signal = this.controller.signal;
    this.endsAt = performance.now() + options.timeoutMs;
    this.timer = setTimeout(() => this.controller.abort("timeout"), Math.max(0, options.timeoutMs));
    if (options.signal?.aborted) this.controller.abort("aborted");
    else options.signal?.addEventListener("abort", this.onCallerAbort, { once: true });
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - performance.now());
  }

  /** Why the budget ran out, in words for the report. */
  reason(): string {
    return this.signal.reason === "aborted" ? "probe aborted" : `no result within ${this.options.timeoutMs} ms`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.options.signal?.removeEventListener("abort", this.onCallerAbort);
  }
}

export interface Settle<T> {
  /** Ends the run with this result; later calls are ignored. */
  finish(result: T): void;
  /** Registers what to release (sockets, timers) when the run ends, whichever way. */
  defer(cleanup: () => void): void;
  readonly settled: boolean;
}

/**
 * Runs callback-style socket code as one promise that settles exactly once: with the body's
 * result, or with `onExpired` when the deadline passes first. Cleanups run on settle.
 */
export function untilDeadline<T>(
  deadline: ProbeDeadline,
  onExpired: (reason: string) => T,
  body: (settle: Settle<T>) => void,
): Promise<T> {
  return new Promise<T>((resolve) => {
    const cleanups: Array<() => void> = [];
    let settled = false;
    const settle: Settle<T> = {
      finish(result) {
        if (settled) return;
        settled = true;
        for (const cleanup of cleanups.reverse()) cleanup();
        resolve(result);
      },
      defer: (cleanup) => (settled ? cleanup() : cleanups.push(cleanup)),
      get settled() {
        return settled;
      },
    };
    if (deadline.signal.aborted) return settle.finish(onExpired(deadline.reason()));
    const onAbort = () => settle.finish(onExpired(deadline.reason()));
    deadline.signal.addEventListener("abort", onAbort, { once: true });
    settle.defer(() => deadline.signal.removeEventListener("abort", onAbort));
    body(settle);
  });
}

export function elapsedMs(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
