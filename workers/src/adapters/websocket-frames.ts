/**
 * The client side of RFC 6455, hand-written because no WebSocket library runs over a
 * caller-supplied byte stream in workerd: the edge needs the upgrade on its own TLS session
 * (to reach the resolved address with the host name in SNI and Host, whatever the certificate),
 * which `fetch()` with `Upgrade: websocket` cannot do. Only what one SIP transaction needs.
 */
import { concatBytes } from "@sipwatch/core";

export const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** RFC 6455 1.3: the GUID appended to the key before hashing for Sec-WebSocket-Accept. */
const ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
const MAX_HEAD_BYTES = 16 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function newWebSocketKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export async function acceptFor(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", encoder.encode(key + ACCEPT_GUID));
  return btoa(String.fromCharCode(...new Uint8Array(digest)));
}

export function upgradeRequest(options: {
  hostHeader: string;
  path: string;
  key: string;
  protocol: string;
}): Uint8Array {
  return encoder.encode(
    [
      `GET ${options.path} HTTP/1.1`,
      `Host: ${options.hostHeader}`,
      "Upgrade: websocket",
      "Connection: Upgrade",
      `Sec-WebSocket-Key: ${options.key}`,
      "Sec-WebSocket-Version: 13",
      `Sec-WebSocket-Protocol: ${options.protocol}`,
      "",
      "",
    ].join("\r\n"),
  );
}

export interface UpgradeResponse {
  status: number;
  reason: string;
  headers: Map<string, string>;
  /** Bytes after the head: the first frames, when the server sent them in the same segment. */
  rest: Uint8Array;
}

export type HeadRead = { done: false } | { done: true; response: UpgradeResponse } | { error: string };

/** Accumulates the HTTP response to the upgrade, up to 16 KiB of head. */
export class UpgradeResponseReader {
  private buffer: Uint8Array = new Uint8Array(0);

  push(bytes: Uint8Array): HeadRead {
    this.buffer = concatBytes([this.buffer, bytes]);
    const end = indexOfBlankLine(this.buffer);
    if (end < 0) {
      if (this.buffer.length > MAX_HEAD_BYTES)
        return { error: `no end of HTTP headers within ${MAX_HEAD_BYTES} bytes` };
      return { done: false };
    }
    const [statusLine = "", ...lines] = decoder.decode(this.buffer.subarray(0, end)).split("\r\n");
    const status = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
    if (!status) return { error: `not an HTTP response: ${JSON.stringify(statusLine.slice(0, 40))}` };
    const headers = new Map<string, string>();
    for (const line of lines) {
      const colon = line.indexOf(":");
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    return {
      done: true,
      response: { status: Number(status[1]), reason: status[2] ?? "", headers, rest: this.buffer.subarray(end + 4) },
    };
  }
}

/** A client frame: always masked (RFC 6455 5.3), FIN set, never fragmented. */
export function encodeClientFrame(opcode: number, payload: Uint8Array): Uint8Array {
  const mask = crypto.getRandomValues(new Uint8Array(4));
  const length = payload.length;
  const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = new Uint8Array(header + 4 + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) frame[1] = 0x80 | length;
  else if (length < 65_536) {
    frame[1] = 0x80 | 126;
    new DataView(frame.buffer).setUint16(2, length);
  } else {
    frame[1] = 0x80 | 127;
    new DataView(frame.buffer).setBigUint64(2, BigInt(length));
  }
  frame.set(mask, header);
  for (let i = 0; i < length; i++) frame[header + 4 + i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return frame;
}

export interface Frame {
  opcode: number;
  fin: boolean;
  payload: Uint8Array;
}

export type FramesRead = { frames: Frame[] } | { error: "too-large" | "malformed"; message: string };

/** Splits server frames out of the stream; a payload larger than `maxPayload` ends the read. */
export class FrameReader {
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(private readonly maxPayload: number) {}

  push(bytes: Uint8Array): FramesRead {
    this.buffer = concatBytes([this.buffer, bytes]);
    const frames: Frame[] = [];
    for (;;) {
      const [first, second] = this.buffer;
      if (first === undefined || second === undefined) return { frames };
      if (second & 0x80) return { error: "malformed", message: "the server masked a frame (RFC 6455 5.1 forbids it)" };
      if (first & 0x70)
        return { error: "malformed", message: "a frame with reserved bits set and no extension agreed" };
      let length = second & 0x7f;
      let offset = 2;
      const view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
      if (length === 126) {
        if (this.buffer.length < 4) return { frames };
        length = view.getUint16(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffer.length < 10) return { frames };
        const long = view.getBigUint64(2);
        if (long > BigInt(this.maxPayload)) return this.tooLarge(long);
        length = Number(long);
        offset = 10;
      }
      if (length > this.maxPayload) return this.tooLarge(BigInt(length));
      if (this.buffer.length < offset + length) return { frames };
      frames.push({
        opcode: first & 0x0f,
        fin: (first & 0x80) !== 0,
        payload: this.buffer.slice(offset, offset + length),
      });
      this.buffer = this.buffer.subarray(offset + length);
    }
  }

  private tooLarge(length: bigint): FramesRead {
    return {
      error: "too-large",
      message: `a ${length}-byte WebSocket frame, more than the ${this.maxPayload} allowed`,
    };
  }
}

function indexOfBlankLine(bytes: Uint8Array): number {
  for (let i = 0; i + 3 < bytes.length; i++) {
    if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a && bytes[i + 2] === 0x0d && bytes[i + 3] === 0x0a) return i;
  }
  return -1;
}
