import { describe, expect, it } from "vitest";
import { createSipResponseReader, parseSipResponse, type SipReadResult, splitHeaderList } from "./sip-message";

const enc = (text: string) => new TextEncoder().encode(text);
const ok200 = [
  "SIP/2.0 200 OK",
  "Via: SIP/2.0/TCP 10.0.0.5:40000;branch=z9hG4bKx;received=203.0.113.9;rport=61000",
  "Via: SIP/2.0/TCP proxy.example.com;branch=z9hG4bKy",
  "From: <sip:sipwatch@example.com>;tag=a",
  "To: <sip:example.com>;tag=b",
  "Call-ID: c1",
  "CSeq: 1 OPTIONS",
  "Server: Kamailio (5.6.3 (x86_64/linux))",
  "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS",
  "Allow: info",
  "Supported: path, outbound",
  'Contact: "Edge, West" <sip:edge@192.0.2.1:5060;transport=tcp>, <sip:alt@192.0.2.2>',
  "Record-Route: <sip:192.0.2.1;lr>",
  "Content-Length: 4",
  "",
  "body",
].join("\r\n");
const trying = "SIP/2.0 100 Trying\r\nCall-ID: c1\r\nContent-Length: 0\r\n\r\n";

/** Feeds `text` in chunks of `size` bytes and returns the last result. */
function feed(chunks: string[], maxBytes?: number): SipReadResult {
  const reader = createSipResponseReader(maxBytes === undefined ? {} : { maxBytes });
  let result: SipReadResult = { done: false };
  for (const chunk of chunks) {
    result = reader.push(enc(chunk));
    if (!("done" in result) || result.done) break;
  }
  return result;
}
const bytewise = (text: string) => [...text];

describe("createSipResponseReader", () => {
  it.each([
    ["in one piece", [ok200]],
    ["one byte at a time", bytewise(ok200)],
    ["after CRLF keep-alives (RFC 5626 4.4.1)", ["\r\n\r\n", "\r\n", ok200]],
    ["after a 100 Trying in the same chunk", [trying + ok200]],
    [
      "after a 100 Trying split across chunks",
      [trying.slice(0, 20), trying.slice(20) + ok200.slice(0, 30), ok200.slice(30)],
    ],
  ])("reads a final response %s", (_label, chunks) => {
    const result = feed(chunks);
    expect(result).toMatchObject({ done: true, response: { status: 200, reason: "OK" } });
    if ("done" in result && result.done) {
      expect(result.response.bytes).toBe(enc(ok200).length);
      expect(result.rest.length).toBe(0);
    }
  });

  it("fills every SipResponseInfo field from the headers", () => {
    const result = feed([ok200]);
    if (!("done" in result) || !result.done) throw new Error("no response");
    expect(result.response).toMatchObject({
      server: "Kamailio (5.6.3 (x86_64/linux))",
      allow: ["INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "INFO"],
      supported: ["path", "outbound"],
      viaReceived: "203.0.113.9",
      viaRport: 61000,
      contact: ['"Edge, West" <sip:edge@192.0.2.1:5060;transport=tcp>', "<sip:alt@192.0.2.2>"],
      recordRoute: ["<sip:192.0.2.1;lr>"],
    });
    expect(result.response.headers.via).toHaveLength(2);
    expect(result.response.headers["call-id"]).toEqual(["c1"]);
  });

  it("keeps bytes after the response for the caller", () => {
    const result = feed([`${ok200}SIP/2.0 4`]);
    expect("done" in result && result.done && new TextDecoder().decode(result.rest)).toBe("SIP/2.0 4");
  });

  it("expands compact names and folds continuation lines", () => {
    const text = [
      "SIP/2.0 486 Busy Here",
      "v: SIP/2.0/UDP h;branch=z9hG4bK1;rport=5062",
      "i: c2",
      "m: <sip:a@h>",
      "k: timer",
      "User-Agent: Very",
      "   Long Agent",
      "l: 0",
      "",
      "",
    ].join("\r\n");
    expect(feed([text])).toMatchObject({
      done: true,
      response: {
        status: 486,
        reason: "Busy Here",
        viaRport: 5062,
        contact: ["<sip:a@h>"],
        supported: ["timer"],
        userAgent: "Very Long Agent",
        headers: { "call-id": ["c2"], "content-length": ["0"] },
      },
    });
  });

  it.each([
    ["no Content-Length on a stream (RFC 3261 18.3)", ["SIP/2.0 200 OK\r\nCall-ID: x\r\n\r\n"], "no-content-length"],
    ["a claimed body beyond the limit", ["SIP/2.0 200 OK\r\nContent-Length: 1000000\r\n\r\nabc"], "too-large"],
    ["endless headers", ["SIP/2.0 200 OK\r\n", `X-Pad: ${"a".repeat(70_000)}`], "too-large"],
    ["a TLS record instead of SIP", ["\x16\x03\x03\x00\x40\r\n\r\n"], "malformed"],
    ["an HTTP response", ["HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"], "malformed"],
    ["a header line without a colon", ["SIP/2.0 200 OK\r\nnonsense\r\nContent-Length: 0\r\n\r\n"], "malformed"],
    ["two different Content-Lengths", ["SIP/2.0 200 OK\r\nl: 1\r\nContent-Length: 2\r\n\r\nab"], "malformed"],
  ])("reports %s", (_label, chunks, error) => {
    expect(feed(chunks)).toMatchObject({ error });
  });

  it("gives up on a stream that is not SIP as soon as its first bytes show it", () => {
    expect(feed(["HTTP/1.1 "])).toMatchObject({ error: "malformed", message: expect.stringMatching(/HTTP\/1\.1/) });
    expect(feed(["\xffgarbage without any blank line"])).toMatchObject({ error: "malformed" });
    expect(feed(["sip/2"])).toEqual({ done: false });
  });

  it("reads the next response from the rest handed back", () => {
    const reader = createSipResponseReader();
    const first = reader.push(enc(ok200 + ok200.replace("200 OK", "202 Accepted")));
    if (!("done" in first) || !first.done) throw new Error("no first response");
    expect(reader.push(first.rest)).toMatchObject({ done: true, response: { status: 202 } });
  });

  it("waits for the whole body and honours a smaller maxBytes", () => {
    expect(feed([ok200.slice(0, -2)])).toEqual({ done: false });
    expect(feed([ok200], 100)).toMatchObject({ error: "too-large" });
  });
});

describe("parseSipResponse", () => {
  it.each([
    ["with Content-Length", ok200, 200, enc(ok200).length],
    [
      "without Content-Length: the body runs to the end (RFC 3261 18.3)",
      "SIP/2.0 404 Not Found\r\ni: x\r\n\r\nab",
      404,
      33,
    ],
    ["with bytes past Content-Length, discarded", "SIP/2.0 200 OK\r\nl: 1\r\n\r\nabc", 200, 25],
    ["with bare LF line ends", "SIP/2.0 503 Service Unavailable\nContent-Length: 0\n\n", 503, 51],
    ["a status line and nothing else", "SIP/2.0 200 OK", 200, 14],
  ])("parses a datagram %s", (_label, text, status, bytes) => {
    const parsed = parseSipResponse(text);
    expect(parsed.ok && [parsed.response.status, parsed.response.bytes]).toEqual([status, bytes]);
  });

  it.each([
    ["garbage", "\x00\x01garbage"],
    ["a request", "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n"],
    ["a status out of range", "SIP/2.0 999 Nope\r\n\r\n"],
    ["a body shorter than Content-Length", "SIP/2.0 200 OK\r\nContent-Length: 10\r\n\r\nabc"],
  ])("rejects %s as malformed", (_label, text) => {
    expect(parseSipResponse(text)).toMatchObject({ ok: false, error: "malformed" });
  });
});

describe("splitHeaderList", () => {
  it.each([
    ["a, b ,c", ["a", "b", "c"]],
    ['"x, y" <sip:a@b;p=1,2>, <sip:c>', ['"x, y" <sip:a@b;p=1,2>', "<sip:c>"]],
    ['"say \\"hi, there\\"" <sip:a>', ['"say \\"hi, there\\"" <sip:a>']],
    ["", []],
  ])("splits %j", (value, items) => {
    expect(splitHeaderList(value)).toEqual(items);
  });
});
