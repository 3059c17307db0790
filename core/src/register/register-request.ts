import { formatHostPort } from "../sip/host-port";
import { BRANCH_MAGIC_COOKIE } from "../sip/options-request";
import type { Transport } from "../sip/types";

export interface RegisterRequestInput {
  transport: Transport;
  /** Request-URI: the registrar's domain (RFC 3261 10.2), `sip:example.com`. */
  requestUri: string;
  /** Address of record, `sip:alice@example.com`: To and From (RFC 3261 10.2). */
  aor: string;
  /** Our Contact URI, without angle brackets. */
  contact: string;
  local: { address: string; port?: number };
  branch: string;
  callId: string;
  fromTag: string;
  cseq: number;
  expiresS: number;
  /** Through an outbound proxy: `<sip:proxy.example.com;transport=tcp;lr>` (RFC 3261 8.1.2). */
  route?: string;
  /** `["Authorization", "Digest ..."]` or Proxy-Authorization, one per realm that challenged. */
  authorizations?: ReadonlyArray<readonly [string, string]>;
}

const VIA_PROTOCOL: Partial<Record<Transport, string>> = { udp: "UDP", tcp: "TCP", tls: "TLS", ws: "WS", wss: "WSS" };

/**
 * A REGISTER request (RFC 3261 10.2), ready to send. Expires goes in the header so that an
 * unregister (`expiresS: 0`) reads the same way; rport asks for the source port (RFC 3581).
 */
export function buildRegisterRequest(input: RegisterRequestInput): string {
  const sentBy = formatHostPort(input.local.address, input.local.port);
  const branch = input.branch.startsWith(BRANCH_MAGIC_COOKIE) ? input.branch : `${BRANCH_MAGIC_COOKIE}${input.branch}`;
  const lines = [
    `REGISTER ${input.requestUri} SIP/2.0`,
    `Via: SIP/2.0/${VIA_PROTOCOL[input.transport] ?? input.transport.toUpperCase()} ${sentBy};branch=${branch};rport`,
    "Max-Forwards: 70",
    ...(input.route ? [`Route: ${input.route}`] : []),
    `From: <${input.aor}>;tag=${input.fromTag}`,
    `To: <${input.aor}>`,
    `Call-ID: ${input.callId}`,
    `CSeq: ${input.cseq} REGISTER`,
    `Contact: <${input.contact}>`,
    `Expires: ${input.expiresS}`,
    ...(input.authorizations ?? []).map(([name, value]) => `${name}: ${value}`),
    "User-Agent: sipwatch",
    "Content-Length: 0",
  ];
  return `${lines.join("\r\n")}\r\n\r\n`;
}

/** `sip:` or `sips:` for the transport: a TLS flow registers a sips Contact (RFC 3261 19.1, RFC 5630). */
export function schemeFor(transport: Transport): "sip" | "sips" {
  return transport === "tls" || transport === "wss" ? "sips" : "sip";
}

/** Our Contact: a unique user part so our binding is found among others, even after an ALG rewrote its host. */
export function contactUri(transport: Transport, local: { address: string; port?: number }, user: string): string {
  const param =
    transport === "udp" || transport === "tcp"
      ? `;transport=${transport}`
      : transport === "ws" || transport === "wss"
        ? ";transport=ws"
        : "";
  return `${schemeFor(transport)}:${user}@${formatHostPort(local.address, local.port)}${param}`;
}
