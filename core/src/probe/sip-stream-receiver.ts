import { createSipResponseReader } from "../sip/sip-message";
import {
  answered,
  failure,
  MAX_SIP_RESPONSE_BYTES,
  matchResponse,
  type TransactionIds,
  unmatchable,
} from "./sip-transaction";
import type { ProbeTarget, SipOptionsResult } from "./types";

export interface StreamOptionsReceiver {
  /** Feeds what the server sent; returns the transaction's result once there is one. */
  push(chunk: Uint8Array): SipOptionsResult | undefined;
  /** The result when the server closes the connection first. */
  closed(): SipOptionsResult;
}

/**
 * The receiving half of one OPTIONS transaction on a stream (TCP, TLS), the same in Node and
 * workerd: the bounded reader (Content-Length framing, RFC 3261 18.3), other transactions'
 * responses skipped, and `rttMs()` read when the final response is complete.
 */
export function streamOptionsReceiver(
  target: ProbeTarget,
  ids: TransactionIds,
  rttMs: () => number,
): StreamOptionsReceiver {
  const reader = createSipResponseReader({ maxBytes: MAX_SIP_RESPONSE_BYTES });
  let received = 0;
  return {
    push(chunk) {
      received += chunk.length;
      let result = reader.push(chunk);
      // Another transaction's response on a shared connection: keep reading after it.
      while ("done" in result && result.done && matchResponse(result.response, ids) === "other") {
        result = reader.push(result.rest);
      }
      if ("error" in result) {
        return failure(target, result.error === "too-large" ? "too-large" : "malformed", result.message);
      }
      if (!result.done) return undefined;
      if (matchResponse(result.response, ids) === "unmatchable") return unmatchable(target, result.response);
      return answered(target, result.response, rttMs());
    },
    closed() {
      // A FIN before any answer is the server refusing to talk; mid-response it is a broken message.
      if (received === 0) return failure(target, "reset", "the server closed the connection without answering");
      return failure(target, "malformed", "the connection closed in the middle of a response");
    },
  };
}
