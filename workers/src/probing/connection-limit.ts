/**
 * A counting semaphore. Workers allow 6 simultaneous open connections per invocation (fetch
 * and connect() alike); past that the runtime queues them, and a queued connect eats the probe's
 * timer, so a slow target would look down. The prober keeps below the limit itself.
 */
export class ConnectionLimit {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
