import type { ProbeTarget } from "../probe/types";
import { formatHostPort } from "./host-port";
import type { Transport } from "./types";

export interface OptionsRequestInput {
  target: ProbeTarget;
  /** The transport the request travels on; decides the Via protocol and the URI's transport parameter. */
  transport: Transport;
  /** Our end of the socket, for Via sent-by and Contact; unknown on WebSocket (RFC 7118 5.2). */
  localAddress?: string;
  localPort?: number;
  /** With or without the RFC 3261 8.1.1.7 magic cookie; it is added when missing. */
  branch: string;
  callId: string;
  fromTag: string;
  cseq: number;
}

/** RFC 3261 8.1.1.7: branches of RFC 3261 clients start with this, so servers match transactions by it. */
export const BRANCH_MAGIC_COOKIE = "z9hG4bK";

const VIA_PROTOCOL: Record<Transport, string> = {
  udp: "UDP",
  tcp: "TCP",
  tls: "TLS",
  sctp: "SCTP",
  "tls-sctp": "TLS-SCTP",
  ws: "WS",
  wss: "WSS",
};

/**
 * A complete OPTIONS request (RFC 3261 11.1), ready to send:
 * `buildOptionsRequest({ target, transport: "udp", localAddress: "192.0.2.1", localPort: 5062,
 * branch: "a1", callId: "c1", fromTag: "t1", cseq: 1 })` starts with
 * `OPTIONS sip:sip.example.com;transport=udp SIP/2.0`.
 */
export function buildOptionsRequest(input: OptionsRequestInput): string {
  const { target, transport } = input;
  const secure = transport === "tls" || transport === "tls-sctp";
  const scheme = secure ? "sips" : "sip";
  const branch = input.branch.startsWith(BRANCH_MAGIC_COOKIE) ? input.branch : `${BRANCH_MAGIC_COOKIE}${input.branch}`;
  const webSocket = transport === "ws" || transport === "wss";
  // RFC 7118 5.2: a WebSocket client cannot know its address as the server sees it, so it
  // uses a random ".invalid" host in Via and Contact; the server answers over the same connection.
  const sentBy = webSocket
    ? invalidHost(input.fromTag)
    : formatHostPort(input.localAddress ?? "sipwatch.invalid", input.localPort);
  const domain = formatHostPort(target.sipDomain);
  const lines = [
    `OPTIONS ${requestUri(target, transport, scheme)} SIP/2.0`,
    // RFC 3581 3: an empty rport asks the server to answer to the port the request came from (NAT).
    `Via: SIP/2.0/${VIA_PROTOCOL[transport]} ${sentBy};branch=${branch};rport`,
    "Max-Forwards: 70",
    `From: "sipwatch" <${scheme}:sipwatch@${domain}>;tag=${input.fromTag}`,
    `To: <${scheme}:${domain}>`,
    `Call-ID: ${input.callId}`,
    `CSeq: ${input.cseq} OPTIONS`,
    `Contact: <${scheme}:sipwatch@${sentBy}${transportParam(transport)}>`,
    // RFC 3261 11.1: OPTIONS carries the Accept the UA would send in an INVITE.
    "Accept: application/sdp",
    "User-Agent: sipwatch",
    "Content-Length: 0",
  ];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/**
 * `sip:host[:port];transport=x` for plaintext transports, `sips:host[:port]` for TLS: RFC 3261
 * 26.2.2 deprecates transport=tls, and a sips URI already means TLS over TCP (RFC 3263 4.1).
 * RFC 7118 5.2 uses transport=ws for both WS and WSS.
 */
function requestUri(target: ProbeTarget, transport: Transport, scheme: "sip" | "sips"): string {
  const defaultPort = scheme === "sips" ? 5061 : 5060;
  const port = target.port === defaultPort ? undefined : target.port;
  return `${scheme}:${formatHostPort(target.host, port)}${transportParam(transport)}`;
}

function transportParam(transport: Transport): string {
  switch (transport) {
    case "tls":
      return "";
    case "tls-sctp":
      return ";transport=sctp";
    case "wss":
      return ";transport=ws";
    default:
      return `;transport=${transport}`;
  }
}

/** IPv6 references go in brackets in SIP URIs and Via (RFC 3261 25.1 `IPv6reference`). */

/** A stable per-request ".invalid" name: the tag is random already, and kept to host-name characters. */
function invalidHost(seed: string): string {
  const label =
    seed
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "")
      .slice(0, 40) || "sipwatch";
  return `${label}.invalid`;
}
