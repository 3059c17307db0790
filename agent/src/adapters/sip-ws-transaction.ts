import net from "node:net";
import type { ProbeTarget, SipOptionsResult } from "@sipwatch/core";
import {
  answered,
  elapsedMs,
  failure,
  formatHostPort,
  MAX_SIP_RESPONSE_BYTES,
  matchResponse,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  parseSipResponse,
  unmatchable,
  untilDeadline,
} from "@sipwatch/core";
import WebSocket from "ws";
import { connectOutcomeOf, errorMessage } from "./socket-errors";

/** RFC 7118 1 and 9.1: the WebSocket subprotocol a SIP server must select. */
export const SIP_SUBPROTOCOL = "sip";

/**
 * OPTIONS over WebSocket (RFC 7118): an HTTP/1.1 upgrade offering the "sip" subprotocol, then
 * one SIP message per WebSocket message (RFC 7118 5.1), so each is parsed like a datagram.
 * The connection goes to the target address while Host and SNI carry the host name.
 */
export function webSocketOptions(
  target: ProbeTarget,
  transport: "ws" | "wss",
  deadline: ProbeDeadline,
  path = "/",
): Promise<SipOptionsResult> {
  const ids = newTransactionIds();
  let upgradeStatus: number | undefined;
  let opened = false;
  const extra = () => (upgradeStatus === undefined ? {} : { upgradeStatus });
  return untilDeadline<SipOptionsResult>(
    deadline,
    (reason) => failure(target, "timeout", opened ? reason : `WebSocket upgrade: ${reason}`, extra()),
    ({ finish, defer }) => {
      const url = `${transport}://${formatHostPort(target.address, target.port)}${path}`;
      const socket = new WebSocket(url, [SIP_SUBPROTOCOL], {
        headers: { Host: formatHostPort(target.host, target.port) },
        ...(transport === "wss" ? { servername: net.isIP(target.host) ? "" : target.host } : {}),
        // Certificates are the TLS prober's subject; here the question is whether SIP answers.
        rejectUnauthorized: false,
        followRedirects: false,
        perMessageDeflate: false,
        maxPayload: MAX_SIP_RESPONSE_BYTES,
      });
      defer(() => socket.terminate());
      let started = 0;

      socket.on("unexpected-response", (request, response) => {
        upgradeStatus = response.statusCode;
        request.destroy();
        const status = `${response.statusCode} ${response.statusMessage ?? ""}`.trim();
        finish(failure(target, "upgrade-failed", `the server answered the upgrade with ${status}`, extra()));
      });
      socket.on("upgrade", (response) => {
        upgradeStatus = response.statusCode;
        const chosen = response.headers["sec-websocket-protocol"];
        if (chosen !== SIP_SUBPROTOCOL) {
          const what = chosen ? `subprotocol "${chosen}"` : "no subprotocol";
          finish(
            failure(target, "upgrade-failed", `the server upgraded with ${what}, not "sip" (RFC 7118 4)`, extra()),
          );
        }
      });
      socket.on("open", () => {
        opened = true;
        started = performance.now();
        socket.send(optionsRequest(target, transport, ids));
      });
      socket.on("message", (data: WebSocket.RawData) => {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        const parsed = parseSipResponse(new Uint8Array(bytes));
        if (!parsed.ok) return finish(failure(target, "malformed", parsed.message, extra()));
        if (parsed.response.status < 200) return;
        const match = matchResponse(parsed.response, ids);
        if (match === "unmatchable") return finish(unmatchable(target, parsed.response, extra()));
        if (match === "ours") finish(answered(target, parsed.response, elapsedMs(started), extra()));
      });
      socket.on("error", (error: NodeJS.ErrnoException) => finish(classify(error)));
      socket.on("close", (code, reason) => {
        const why = reason.length > 0 ? `: ${reason.toString().slice(0, 120)}` : "";
        finish(failure(target, "reset", `WebSocket closed (${code}${why}) before a final response`, extra()));
      });

      const classify = (error: NodeJS.ErrnoException): SipOptionsResult => {
        const message = errorMessage(error);
        if (error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") return failure(target, "too-large", message, extra());
        if (error.code?.startsWith("WS_ERR_")) return failure(target, "malformed", message, extra());
        // tls.connect errors carry ERR_SSL_* codes; through https.request they arrive as EPROTO.
        const tlsError = error.code === "EPROTO" || error.code?.startsWith("ERR_SSL_") || "library" in error;
        if (transport === "wss" && upgradeStatus === undefined && tlsError)
          return failure(target, "handshake-failed", `TLS handshake: ${message}`);
        const outcome = connectOutcomeOf(error);
        if (outcome === "error" && upgradeStatus === undefined && !opened)
          return failure(target, "upgrade-failed", `WebSocket upgrade: ${message}`, extra());
        return failure(target, outcome, message, extra());
      };
    },
  );
}
