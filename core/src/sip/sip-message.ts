import { concatBytes } from "../dns/bytes";
import type { SipResponseInfo } from "../probe/types";

export type SipReadError = "too-large" | "malformed" | "no-content-length";

export type SipReadResult =
  | { done: false }
  | { done: true; response: SipResponseInfo; rest: Uint8Array }
  | { error: SipReadError; message: string };

export type ParsedSipResponse =
  | { ok: true; response: SipResponseInfo }
  | { ok: false; error: "malformed"; message: string };

export interface SipResponseReader {
  /** Feeds bytes as they arrive; returns the first final response, or an error that ends the read. */
  push(bytes: Uint8Array): SipReadResult;
}

/** RFC 3261 7.3.3 compact forms, plus the common ones of later RFCs (RFC 3265, 3515, 3841, 4028, 4474). */
const COMPACT_NAMES: Record<string, string> = {
  a: "accept-contact",
  b: "referred-by",
  c: "content-type",
  d: "request-disposition",
  e: "content-encoding",
  f: "from",
  i: "call-id",
  j: "reject-contact",
  k: "supported",
  l: "content-length",
  m: "contact",
  o: "event",
  r: "refer-to",
  s: "subject",
  t: "to",
  u: "allow-events",
  v: "via",
  x: "session-expires",
  y: "identity",
};

const STATUS_LINE = /^SIP\/2\.0[ \t]+([1-6]\d\d)(?:[ \t]+(.*))?$/i;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Reads one final response from a stream transport (TCP, TLS), bounded by `maxBytes`.
 * RFC 3261 18.3: on streams Content-Length is mandatory, so a response without it is an error;
 * RFC 5626 4.4.1 CRLF keep-alives are skipped and 1xx provisional responses are passed over.
 */
export function createSipResponseReader({ maxBytes = 65_536 }: { maxBytes?: number } = {}): SipResponseReader {
  let buffer: Uint8Array = new Uint8Array(0);
  let failed: SipReadResult | undefined;
  const fail = (error: SipReadError, message: string) => {
    failed = { error, message };
    return failed;
  };
  return {
    push(bytes) {
      if (failed) return failed;
      buffer = concatBytes([buffer, bytes]);
      for (;;) {
        let start = 0;
        while (buffer[start] === 0x0d || buffer[start] === 0x0a) start++;
        buffer = buffer.subarray(start);
        // Fail fast on a stream that is not SIP at all, instead of waiting for a blank line.
        if (!startsLikeStatusLine(buffer)) {
          const text = JSON.stringify(decoder.decode(buffer.subarray(0, 24)));
          return fail("malformed", `not a SIP response status line: ${text}`);
        }
        const headEnd = findHeadEnd(buffer);
        if (headEnd < 0) {
          if (buffer.length > maxBytes) return fail("too-large", `no end of headers within ${maxBytes} bytes`);
          return { done: false };
        }
        const head = parseHead(decoder.decode(buffer.subarray(0, headEnd)));
        if (!head.ok) return fail("malformed", head.message);
        const length = contentLength(head.headers);
        if (length === null) return fail("malformed", "invalid Content-Length");
        if (length === undefined) return fail("no-content-length", "response without Content-Length (RFC 3261 18.3)");
        const total = headEnd + length;
        if (total > maxBytes) return fail("too-large", `response of ${total} bytes exceeds ${maxBytes}`);
        if (buffer.length < total) return { done: false };
        const rest = buffer.subarray(total);
        if (head.status < 200) {
          buffer = rest;
          continue;
        }
        // The caller owns what follows (push it to read the next response).
        buffer = new Uint8Array(0);
        return { done: true, response: responseInfo(head, total), rest };
      }
    },
  };
}

/**
 * Parses one response datagram (UDP, or one WebSocket message). RFC 3261 18.3: without
 * Content-Length the body runs to the end of the datagram; bytes past it are discarded.
 */
export function parseSipResponse(message: string | Uint8Array): ParsedSipResponse {
  const bytes = typeof message === "string" ? encoder.encode(message) : message;
  const headEnd = findHeadEnd(bytes);
  const head = parseHead(decoder.decode(headEnd < 0 ? bytes : bytes.subarray(0, headEnd)));
  if (!head.ok) return { ok: false, error: "malformed", message: head.message };
  const length = contentLength(head.headers);
  if (length === null) return { ok: false, error: "malformed", message: "invalid Content-Length" };
  const headBytes = headEnd < 0 ? bytes.length : headEnd;
  if (length !== undefined && headBytes + length > bytes.length)
    return { ok: false, error: "malformed", message: "Content-Length exceeds the datagram" };
  return { ok: true, response: responseInfo(head, length === undefined ? bytes.length : headBytes + length) };
}

/** Parameters of one Via value: `viaParameters("SIP/2.0/UDP h;branch=z9;rport=5060")` -> `{ branch: "z9", rport: "5060" }`. */
export function viaParameters(via: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const param of via.split(";").slice(1)) {
    const [name = "", value = ""] = param.split("=");
    params[name.trim().toLowerCase()] = value.trim();
  }
  return params;
}

/** Splits a header value at commas outside quotes and angle brackets (RFC 3261 7.3.1). */
export function splitHeaderList(value: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === "\\" && quoted) {
      current += `${ch}${value[i + 1] ?? ""}`;
      i++;
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "<") depth++;
    else if (!quoted && ch === ">") depth = Math.max(0, depth - 1);
    else if (!quoted && depth === 0 && ch === ",") {
      if (current.trim()) items.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

type Head = { ok: true; status: number; reason: string; headers: Record<string, string[]> };

/** Whether the bytes so far can begin "SIP/2.0 " (RFC 3261 7.2; the version is case-insensitive). */
function startsLikeStatusLine(bytes: Uint8Array): boolean {
  const start = decoder.decode(bytes.subarray(0, 8)).toUpperCase();
  return "SIP/2.0 ".startsWith(start);
}

/** Index just past the blank line ending the headers (CRLF CRLF, or a bare LF LF from lax peers), or -1. */
function findHeadEnd(bytes: Uint8Array): number {
  for (let i = 0; i + 1 < bytes.length; i++) {
    if (bytes[i] !== 0x0a) continue;
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

function parseHead(text: string): Head | { ok: false; message: string } {
  const lines = text.replace(/(\r?\n)+$/, "").split(/\r?\n/);
  const statusLine = lines.shift() ?? "";
  const match = STATUS_LINE.exec(statusLine);
  if (!match)
    return { ok: false, message: `not a SIP response status line: ${JSON.stringify(statusLine.slice(0, 80))}` };
  const headers: Record<string, string[]> = {};
  let last: string[] | undefined;
  for (const line of lines) {
    // RFC 3261 7.3.1: a line starting with whitespace continues the previous header value.
    if (/^[ \t]/.test(line) && last && last.length > 0) {
      last[last.length - 1] = `${last[last.length - 1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, message: `malformed header line: ${JSON.stringify(line.slice(0, 80))}` };
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT_NAMES[raw] ?? raw;
    last = headers[name] ??= [];
    last.push(line.slice(colon + 1).trim());
  }
  return { ok: true, status: Number(match[1]), reason: (match[2] ?? "").trim(), headers };
}

/** undefined when absent, null when unusable (not a number, or two values that disagree). */
function contentLength(headers: Record<string, string[]>): number | undefined | null {
  const values = headers["content-length"];
  if (!values) return undefined;
  const distinct = [...new Set(values.map((v) => v.trim()))];
  if (distinct.length !== 1 || !/^\d{1,9}$/.test(distinct[0] ?? "")) return null;
  return Number(distinct[0]);
}

function responseInfo(head: Head, bytes: number): SipResponseInfo {
  const { headers } = head;
  const list = (name: string) => (headers[name] ?? []).flatMap(splitHeaderList);
  const tokens = (name: string) => list(name).map((t) => t.trim());
  const info: SipResponseInfo = {
    status: head.status,
    reason: head.reason,
    allow: tokens("allow").map((t) => t.toUpperCase()),
    supported: tokens("supported"),
    contact: list("contact"),
    recordRoute: list("record-route"),
    bytes,
    headers,
  };
  const server = headers.server?.[0];
  if (server !== undefined) info.server = server;
  const userAgent = headers["user-agent"]?.[0];
  if (userAgent !== undefined) info.userAgent = userAgent;
  const topVia = list("via")[0];
  if (topVia !== undefined) {
    const params = viaParameters(topVia);
    if (params.received) info.viaReceived = params.received;
    const rport = Number(params.rport);
    if (params.rport && Number.isInteger(rport) && rport > 0 && rport < 65_536) info.viaRport = rport;
  }
  return info;
}
