import type { Socket } from "@cloudflare/workers-types";

/**
 * A connected byte stream, raw TCP or the plaintext side of a TLS session, so SIP and
 * WebSocket framing run the same over both. Bytes are delivered in order; `onData` may be
 * async, and the next chunk waits for it (the TLS client must see records one at a time).
 */
export interface ByteChannel {
  write(bytes: Uint8Array): Promise<void>;
  /** Registers the one reader: `onEnd` is called once, with the error for a failure, nothing for a clean close. */
  listen(onData: (chunk: Uint8Array) => void | Promise<void>, onEnd: (error?: unknown) => void): void;
  /** False once either side closed it or it failed. */
  isOpen(): boolean;
  close(): void;
}

const ignore = () => {};

/** The channel of a `connect()` socket; closing cancels the read loop and the socket. */
export function socketChannel(socket: Socket): ByteChannel {
  const writer = socket.writable.getWriter();
  const reader = socket.readable.getReader();
  let closed = false;
  let ended = false;
  socket.closed.then(
    () => (ended = true),
    () => (ended = true),
  );
  return {
    write: (bytes) => writer.write(bytes),
    isOpen: () => !closed && !ended,
    listen(onData, onEnd) {
      (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return onEnd();
          if (closed) return;
          await onData(value);
          if (closed) return;
        }
      })().catch((error: unknown) => {
        if (!closed) onEnd(error);
      });
    },
    close() {
      if (closed) return;
      closed = true;
      reader.cancel().catch(ignore);
      socket.close().catch(ignore);
    },
  };
}

/**
 * The receiving half of a channel whose bytes are pushed in (the TLS client hands over
 * decrypted records): holds what arrives before the reader is registered.
 */
export class ChannelInbox {
  private readonly queued: Uint8Array[] = [];
  private end: { error?: unknown } | undefined;
  private onData: ((chunk: Uint8Array) => void | Promise<void>) | undefined;
  private onEnd: ((error?: unknown) => void) | undefined;

  get ended(): boolean {
    return this.end !== undefined;
  }

  deliver(bytes: Uint8Array): void {
    if (this.end) return;
    if (this.onData) void this.onData(bytes);
    else this.queued.push(bytes);
  }

  finish(error?: unknown): void {
    if (this.end) return;
    this.end = error === undefined ? {} : { error };
    this.onEnd?.(error);
  }

  listen(onData: (chunk: Uint8Array) => void | Promise<void>, onEnd: (error?: unknown) => void): void {
    this.onData = onData;
    this.onEnd = onEnd;
    for (const bytes of this.queued.splice(0)) void onData(bytes);
    if (this.end) onEnd(this.end.error);
  }
}
