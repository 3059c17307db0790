import {
  answered,
  concatBytes,
  elapsedMs,
  failure,
  formatHostPort,
  MAX_SIP_RESPONSE_BYTES,
  matchResponse,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  type ProbeTarget,
  parseSipResponse,
  type SipOptionsResult,
  unmatchable,
  untilDeadline,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { connectOutcomeOf, errorMessage } from "./socket-errors";
import {
  acceptFor,
  encodeClientFrame,
  type Frame,
  FrameReader,
  newWebSocketKey,
  OPCODE,
  UpgradeResponseReader,
  upgradeRequest,
} from "./websocket-frames";

/** RFC 7118 1 and 9.1: the WebSocket subprotocol a SIP server must select. */
export const SIP_SUBPROTOCOL = "sip";

/**
 * OPTIONS over WebSocket (RFC 7118) on an open stream (TCP for ws, TLS for wss): the HTTP/1.1
 * upgrade offering "sip", then one SIP message per WebSocket message (RFC 7118 5.1), each
 * parsed like a datagram. Host carries the host name; the stream already goes to the address.
 */
export function webSocketOptions(
  target: ProbeTarget,
  transport: "ws" | "wss",
  channel: ByteChannel,
  deadline: ProbeDeadline,
  path = "/",
): Promise<SipOptionsResult> {
  const ids = newTransactionIds();
  const key = newWebSocketKey();
  let upgradeStatus: number | undefined;
  const extra = () => (upgradeStatus === undefined ? {} : { upgradeStatus });
  return untilDeadline<SipOptionsResult>(
    deadline,
    (reason) => failure(target, "timeout", upgradeStatus === 101 ? reason : `WebSocket upgrade: ${reason}`, extra()),
    ({ finish, defer }) => {
      defer(() => channel.close());
      const head = new UpgradeResponseReader();
      const frames = new FrameReader(MAX_SIP_RESPONSE_BYTES);
      let message: Uint8Array[] = [];
      let messageBytes = 0;
      let started = 0;
      let upgraded = false;
      const send = (bytes: Uint8Array) =>
        channel
          .write(bytes)
          .catch((error: unknown) => finish(failure(target, connectOutcomeOf(error), errorMessage(error), extra())));

      const onFrame = (frame: Frame) => {
        if (frame.opcode === OPCODE.ping) return void send(encodeClientFrame(OPCODE.pong, frame.payload));
        if (frame.opcode === OPCODE.pong) return;
        if (frame.opcode === OPCODE.close) {
          const code = frame.payload.length >= 2 ? ((frame.payload[0] ?? 0) << 8) | (frame.payload[1] ?? 0) : 1005;
          return finish(failure(target, "reset", `WebSocket closed (${code}) before a final response`, extra()));
        }
        message.push(frame.payload);
        messageBytes += frame.payload.length;
        if (messageBytes > MAX_SIP_RESPONSE_BYTES)
          return finish(
            failure(target, "too-large", `a WebSocket message over ${MAX_SIP_RESPONSE_BYTES} bytes`, extra()),
          );
        if (!frame.fin) return;
        const bytes = concatBytes(message);
        message = [];
        messageBytes = 0;
        const parsed = parseSipResponse(bytes);
        if (!parsed.ok) return finish(failure(target, "malformed", parsed.message, extra()));
        if (parsed.response.status < 200) return;
        const match = matchResponse(parsed.response, ids);
        if (match === "unmatchable") return finish(unmatchable(target, parsed.response, extra()));
        if (match === "ours") finish(answered(target, parsed.response, elapsedMs(started), extra()));
      };

      const onFrames = (bytes: Uint8Array) => {
        const read = frames.push(bytes);
        if ("error" in read) return finish(failure(target, read.error, read.message, extra()));
        for (const frame of read.frames) onFrame(frame);
      };

      const onUpgrade = async (bytes: Uint8Array) => {
        const read = head.push(bytes);
        if ("error" in read) return finish(failure(target, "upgrade-failed", `WebSocket upgrade: ${read.error}`));
        if (!read.done) return;
        const { response } = read;
        upgradeStatus = response.status;
        if (response.status !== 101) {
          const status = `${response.status} ${response.reason}`.trim();
          return finish(failure(target, "upgrade-failed", `the server answered the upgrade with ${status}`, extra()));
        }
        if (response.headers.get("sec-websocket-accept") !== (await acceptFor(key)))
          return finish(failure(target, "upgrade-failed", "wrong Sec-WebSocket-Accept (RFC 6455 4.1)", extra()));
        const chosen = response.headers.get("sec-websocket-protocol");
        if (chosen !== SIP_SUBPROTOCOL) {
          const what = chosen ? `subprotocol "${chosen}"` : "no subprotocol";
          return finish(
            failure(target, "upgrade-failed", `the server upgraded with ${what}, not "sip" (RFC 7118 4)`, extra()),
          );
        }
        upgraded = true;
        started = performance.now();
        void send(encodeClientFrame(OPCODE.text, new TextEncoder().encode(optionsRequest(target, transport, ids))));
        if (response.rest.length > 0) onFrames(response.rest);
      };

      channel.listen(
        (chunk) => (upgraded ? onFrames(chunk) : onUpgrade(chunk)),
        (error) => {
          if (error) return finish(failure(target, connectOutcomeOf(error), errorMessage(error), extra()));
          const when = upgraded ? "before a final response" : "during the WebSocket upgrade";
          finish(
            failure(target, upgraded ? "reset" : "upgrade-failed", `the server closed the connection ${when}`, extra()),
          );
        },
      );
      const hostHeader = formatHostPort(target.host, target.port);
      void send(upgradeRequest({ hostHeader, path, key, protocol: SIP_SUBPROTOCOL }));
    },
  );
}
