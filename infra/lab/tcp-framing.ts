import type { Socket } from "node:net";

/** RFC 1035 4.2.2 / RFC 7766 8: every DNS message on a stream is prefixed by its 16-bit length. */
export function frameMessage(message: Uint8Array): Uint8Array {
  if (message.length > 0xffff) throw new Error(`DNS message of ${message.length} bytes cannot be framed`);
  const framed = new Uint8Array(2 + message.length);
  new DataView(framed.buffer).setUint16(0, message.length);
  framed.set(message, 2);
  return framed;
}

/**
 * Calls onFrame for each complete message. Frames may arrive split across reads or several
 * in one read (RFC 7766 6.2.1 pipelining), so bytes are buffered until a frame completes.
 */
export function readFrames(socket: Socket, onFrame: (message: Uint8Array) => void): void {
  let pending = new Uint8Array(0);
  socket.on("data", (chunk: Uint8Array) => {
    const joined = new Uint8Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    let offset = 0;
    while (joined.length - offset >= 2) {
      const length = ((joined[offset] ?? 0) << 8) | (joined[offset + 1] ?? 0);
      if (joined.length - offset - 2 < length) break;
      onFrame(joined.slice(offset + 2, offset + 2 + length));
      offset += 2 + length;
    }
    pending = joined.slice(offset);
  });
}
