import {
  concatBytes,
  formatHostPort,
  MAX_SIP_RESPONSE_BYTES,
  type ProbeDeadline,
  type ProbeTarget,
  type SipFlow,
  type SipFlowOpenResult,
  untilDeadline,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { SIP_SUBPROTOCOL } from "./sip-ws-options";
import { connectOutcomeOf, errorMessage } from "./socket-errors";
import {
  acceptFor,
  encodeClientFrame,
  FrameReader,
  newWebSocketKey,
  OPCODE,
  UpgradeResponseReader,
  upgradeRequest,
} from "./websocket-frames";

type CloseListener = Parameters<SipFlow["onClose"]>[0];
type Ended = Parameters<CloseListener>[0];

/**
 * SIP over WebSocket (RFC 7118) as a message flow for the REGISTER probe: the upgrade offering
 * "sip" on an open TLS session, then every complete WebSocket message handed over whole (RFC
 * 7118 5.1: one SIP message per WebSocket message). Pings are answered; a close frame, a
 * masked or oversized frame ends the flow. The channel is closed on any failure here.
 */
export function openWebSocketMessages(
  target: ProbeTarget,
  channel: ByteChannel,
  deadline: ProbeDeadline,
  path: string,
): Promise<SipFlowOpenResult> {
  const key = newWebSocketKey();
  const head = new UpgradeResponseReader();
  const frames = new FrameReader(MAX_SIP_RESPONSE_BYTES);
  const queued: Uint8Array[] = [];
  let onMessage: ((bytes: Uint8Array) => void) | undefined;
  let onClose: CloseListener | undefined;
  let ended: Ended | undefined;
  let upgraded = false;
  let parts: Uint8Array[] = [];
  let partBytes = 0;

  const end = (how: Ended) => {
    if (ended) return;
    ended = how;
    onClose?.(how);
  };
  const write = (bytes: Uint8Array) =>
    channel
      .write(bytes)
      .catch((error: unknown) => end({ outcome: connectOutcomeOf(error), error: errorMessage(error) }));
  const deliver = (message: Uint8Array) => (onMessage ? onMessage(message) : queued.push(message));
  const onFrames = (bytes: Uint8Array) => {
    const read = frames.push(bytes);
    if ("error" in read) return end({ outcome: "error", error: read.message });
    for (const frame of read.frames) {
      if (frame.opcode === OPCODE.ping) void write(encodeClientFrame(OPCODE.pong, frame.payload));
      else if (frame.opcode === OPCODE.close)
        return end({ outcome: "reset", error: "the server closed the WebSocket" });
      else if (frame.opcode !== OPCODE.pong) {
        parts.push(frame.payload);
        partBytes += frame.payload.length;
        if (partBytes > MAX_SIP_RESPONSE_BYTES)
          return end({ outcome: "error", error: `a WebSocket message over ${MAX_SIP_RESPONSE_BYTES} bytes` });
        if (!frame.fin) continue;
        deliver(concatBytes(parts));
        parts = [];
        partBytes = 0;
      }
    }
  };

  const flow: SipFlow = {
    transport: "wss",
    local: {
      address: `${key
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 12)
        .toLowerCase()}.invalid`,
    },
    send: (message) => void write(encodeClientFrame(OPCODE.text, new TextEncoder().encode(message))),
    onData: (listener) => {
      onMessage = listener;
      for (const message of queued.splice(0)) listener(message);
    },
    onClose: (listener) => {
      onClose = listener;
      if (ended) listener(ended);
    },
    close: () => {
      ended ??= { outcome: "reset", error: "closed" };
      channel.close();
    },
  };

  return untilDeadline<SipFlowOpenResult>(
    deadline,
    (reason) => {
      channel.close();
      return { ok: false, outcome: "timeout", error: `WebSocket upgrade: ${reason}` };
    },
    ({ finish }) => {
      const refuse = (error: string): void => {
        channel.close();
        finish({ ok: false, outcome: "handshake-failed", error: `WebSocket upgrade: ${error}` });
      };
      channel.listen(
        async (chunk) => {
          if (upgraded) return onFrames(chunk);
          const read = head.push(chunk);
          if ("error" in read) return refuse(read.error);
          if (!read.done) return;
          const { response } = read;
          if (response.status !== 101)
            return refuse(`the server answered ${`${response.status} ${response.reason}`.trim()}`);
          if (response.headers.get("sec-websocket-accept") !== (await acceptFor(key)))
            return refuse("wrong Sec-WebSocket-Accept (RFC 6455 4.1)");
          if (response.headers.get("sec-websocket-protocol") !== SIP_SUBPROTOCOL)
            return refuse('the server did not select the "sip" subprotocol (RFC 7118 4)');
          upgraded = true;
          finish({ ok: true, flow });
          if (response.rest.length > 0) onFrames(response.rest);
        },
        (error) => {
          if (!upgraded) return refuse(error ? errorMessage(error) : "the server closed the connection");
          end(
            error
              ? { outcome: connectOutcomeOf(error), error: errorMessage(error) }
              : { outcome: "reset", error: "closed by the server" },
          );
        },
      );
      void write(
        upgradeRequest({ hostHeader: formatHostPort(target.host, target.port), path, key, protocol: SIP_SUBPROTOCOL }),
      );
    },
  );
}
