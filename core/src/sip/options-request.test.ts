import { describe, expect, it } from "vitest";
import type { ProbeTarget } from "../probe/types";
import { buildOptionsRequest } from "./options-request";
import { parseSipResponse } from "./sip-message";
import type { Transport } from "./types";

const target = (transport: Transport, port: number, host = "sip1.example.com"): ProbeTarget => ({
  transport,
  host,
  address: "192.0.2.10",
  port,
  sipDomain: "example.com",
});
const ids = { branch: "abc123", callId: "call-1@sipwatch", fromTag: "tag9", cseq: 7 };

function request(transport: Transport, port: number, host?: string) {
  const text = buildOptionsRequest({
    target: target(transport, port, host),
    transport,
    localAddress: "198.51.100.7",
    localPort: 40_000,
    ...ids,
  });
  const [startLine = "", ...rest] = text.split("\r\n");
  const headers = Object.fromEntries(
    rest.filter((l) => l.includes(":")).map((l) => [l.slice(0, l.indexOf(":")), l.slice(l.indexOf(":") + 2)]),
  );
  return { text, startLine, headers };
}

describe("buildOptionsRequest", () => {
  it.each([
    ["udp", 5060, "OPTIONS sip:sip1.example.com;transport=udp SIP/2.0", "SIP/2.0/UDP 198.51.100.7:40000"],
    ["tcp", 5080, "OPTIONS sip:sip1.example.com:5080;transport=tcp SIP/2.0", "SIP/2.0/TCP 198.51.100.7:40000"],
    ["tls", 5061, "OPTIONS sips:sip1.example.com SIP/2.0", "SIP/2.0/TLS 198.51.100.7:40000"],
    ["tls", 443, "OPTIONS sips:sip1.example.com:443 SIP/2.0", "SIP/2.0/TLS 198.51.100.7:40000"],
    ["ws", 80, "OPTIONS sip:sip1.example.com:80;transport=ws SIP/2.0", "SIP/2.0/WS tag9.invalid"],
    ["wss", 443, "OPTIONS sip:sip1.example.com:443;transport=ws SIP/2.0", "SIP/2.0/WSS tag9.invalid"],
  ] as const)("%s to port %i", (transport, port, startLine, viaStart) => {
    const built = request(transport, port);
    expect(built.startLine).toBe(startLine);
    expect(built.headers.Via).toBe(`${viaStart};branch=z9hG4bKabc123;rport`);
  });

  it("carries every header RFC 3261 8.1.1 and 11.1 ask for, and ends with an empty body", () => {
    const { text, headers } = request("tcp", 5060);
    expect(headers).toMatchObject({
      "Max-Forwards": "70",
      From: '"sipwatch" <sip:sipwatch@example.com>;tag=tag9',
      To: "<sip:example.com>",
      "Call-ID": "call-1@sipwatch",
      CSeq: "7 OPTIONS",
      Contact: "<sip:sipwatch@198.51.100.7:40000;transport=tcp>",
      Accept: "application/sdp",
      "User-Agent": "sipwatch",
      "Content-Length": "0",
    });
    expect(text.endsWith("\r\n\r\n")).toBe(true);
    expect(text.indexOf("\r\n\r\n")).toBe(text.length - 4);
  });

  it("uses sips: From/To/Contact over TLS and the .invalid host in a WebSocket Contact (RFC 7118 5.2)", () => {
    expect(request("tls", 5061).headers.Contact).toBe("<sips:sipwatch@198.51.100.7:40000>");
    expect(request("tls", 5061).headers.To).toBe("<sips:example.com>");
    expect(request("wss", 443).headers.Contact).toBe("<sip:sipwatch@tag9.invalid;transport=ws>");
  });

  it("brackets IPv6 hosts and keeps an existing magic cookie", () => {
    const text = buildOptionsRequest({
      target: { ...target("udp", 5070, "2001:db8::5"), sipDomain: "2001:db8::5" },
      transport: "udp",
      localAddress: "2001:db8::7",
      localPort: 5062,
      ...ids,
      branch: "z9hG4bKkeep",
    });
    expect(text).toContain("OPTIONS sip:[2001:db8::5]:5070;transport=udp SIP/2.0\r\n");
    expect(text).toContain("Via: SIP/2.0/UDP [2001:db8::7]:5062;branch=z9hG4bKkeep;rport\r\n");
    expect(text).toContain("To: <sip:[2001:db8::5]>\r\n");
  });

  it("falls back to an .invalid sent-by when the local address is unknown", () => {
    const text = buildOptionsRequest({ target: target("tcp", 5060), transport: "tcp", ...ids });
    expect(text).toContain("Via: SIP/2.0/TCP sipwatch.invalid;branch=z9hG4bKabc123;rport\r\n");
  });

  it("parses as a SIP message with the same framing rules the reader uses", () => {
    // The request is not a response, but its headers must be well-formed header lines.
    const asResponse = request("udp", 5060).text.replace(/^OPTIONS [^\r]+/, "SIP/2.0 200 OK");
    const parsed = parseSipResponse(asResponse);
    expect(parsed.ok && parsed.response.headers["call-id"]).toEqual(["call-1@sipwatch"]);
  });
});
