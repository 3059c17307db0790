/**
 * How the lab's SIP endpoints answer a request: a stateless UAS reply built as RFC 3261 8.2.6
 * says (Via, From, Call-ID and CSeq copied, a To tag added), with received/rport on the top
 * Via (RFC 3261 18.2.1, RFC 3581 4) so probes can read how the lab saw their address.
 */
export interface SipAnswerOptions {
  /** 200 by default. */
  status?: number;
  reason?: string;
  /** Extra header lines, as written: "Record-Route: <sip:127.0.0.1;lr>". */
  headers?: string[];
  /** Pad each final response with an X-Padding header to at least this many bytes (RFC 3261 18.1.1's 1300). */
  padToBytes?: number;
  /** Send "100 Trying" before the final response. */
  provisional?: boolean;
}

export interface RequestSource {
  transport: "udp" | "tcp" | "tls" | "ws" | "wss";
  address: string;
  port: number;
}

const REASONS: Record<number, string> = {
  100: "Trying",
  200: "OK",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  480: "Temporarily Unavailable",
  503: "Service Unavailable",
};
const COMPACT: Record<string, string> = { v: "via", f: "from", t: "to", i: "call-id", l: "content-length" };

/** The responses to send, in order; null for a request too broken to answer (a real UAS drops those). */
export function answerSipRequest(
  request: string,
  source: RequestSource,
  options: SipAnswerOptions = {},
): string[] | null {
  const [head = ""] = request.split(/\r?\n\r?\n/, 1);
  const [startLine = "", ...lines] = head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/);
  if (!/^[A-Z]+ \S+ SIP\/2\.0$/.test(startLine)) return null;
  const headers: Array<[string, string]> = [];
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.push([COMPACT[name] ?? name, line.slice(colon + 1).trim()]);
  }
  const all = (name: string) => headers.filter(([n]) => n === name).map(([, v]) => v);
  const [from] = all("from");
  const [to] = all("to");
  const [callId] = all("call-id");
  const [cseq] = all("cseq");
  const vias = all("via").flatMap((v) => v.split(/,(?=\s*SIP\/)/i).map((s) => s.trim()));
  if (!from || !to || !callId || !cseq || vias.length === 0) return null;

  const [topVia = "", ...otherVias] = vias;
  const common = [
    ...[stampVia(topVia, source), ...otherVias].map((v) => `Via: ${v}`),
    `From: ${from}`,
    `To: ${to}`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq}`,
  ];
  const responses: string[] = [];
  if (options.provisional) responses.push(message(100, "Trying", common));

  const status = options.status ?? 200;
  const finalHeaders = [
    ...common.map((line) =>
      line.startsWith("To: ") && !/;\s*tag=/i.test(to) ? `${line};tag=lab${hash(callId)}` : line,
    ),
    "Server: sipwatch-lab/1.0",
    "Allow: INVITE, ACK, BYE, CANCEL, OPTIONS",
    "Supported: path, outbound",
    "Accept: application/sdp",
    ...(options.headers ?? []),
  ];
  const reason = options.reason ?? REASONS[status] ?? "Lab Status";
  const final = message(status, reason, finalHeaders);
  // "X-Padding: " and its CRLF take 13 bytes: pad just enough to reach the size asked for.
  const missing = (options.padToBytes ?? 0) - final.length;
  const padding = `X-Padding: ${"x".repeat(Math.max(1, missing - 13))}`;
  const padded = missing > 0 ? message(status, reason, [...finalHeaders, padding]) : final;
  responses.push(padded);
  return responses;
}

function message(status: number, reason: string, headers: string[]): string {
  return [`SIP/2.0 ${status} ${reason}`, ...headers, "Content-Length: 0", "", ""].join("\r\n");
}

/** RFC 3261 18.2.1 adds received when sent-by differs from the source; RFC 3581 4 fills an empty rport. */
function stampVia(via: string, source: RequestSource): string {
  const sentBy = /^SIP\/2\.0\/\S+\s+(\[[^\]]+\]|[^;:\s]+)/i.exec(via)?.[1]?.replace(/^\[|\]$/g, "");
  let stamped = via;
  const wantsRport = /;\s*rport(?=;|$)/i.test(stamped);
  if (wantsRport) stamped = stamped.replace(/;\s*rport(?=;|$)/i, `;rport=${source.port}`);
  if (wantsRport || sentBy !== source.address) stamped += `;received=${source.address}`;
  return stamped;
}

function hash(text: string): string {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h.toString(16);
}
