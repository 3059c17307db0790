import type { Duplex } from "node:stream";

/** What a lab server keeps of a client's unfinished message before giving up on the client. */
const MAX_REQUEST_BYTES = 65_536;

/**
 * Splits a SIP stream (TCP, TLS) into messages by Content-Length (RFC 3261 18.3), skipping
 * CRLF keep-alives (RFC 5626 4.4.1). A client that sends more than 64 KiB without finishing
 * a message is disconnected, as a real server would.
 */
export function readSipMessages(stream: Duplex, onMessage: (text: string) => void): void {
  let buffer = Buffer.alloc(0);
  stream.on("data", (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      let start = 0;
      while (buffer[start] === 0x0d || buffer[start] === 0x0a) start++;
      buffer = buffer.subarray(start);
      const headEnd = buffer.indexOf("\r\n\r\n");
      if (headEnd < 0) break;
      const head = buffer.subarray(0, headEnd).toString("utf8");
      const length = Number(/^(?:content-length|l)[ \t]*:[ \t]*(\d+)/im.exec(head)?.[1] ?? 0);
      const total = headEnd + 4 + length;
      if (buffer.length < total) break;
      onMessage(buffer.subarray(0, total).toString("utf8"));
      buffer = buffer.subarray(total);
    }
    if (buffer.length > MAX_REQUEST_BYTES) stream.destroy();
  });
}
