import {
  answered,
  createSipResponseReader,
  elapsedMs,
  failure,
  MAX_SIP_RESPONSE_BYTES,
  matchResponse,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  type ProbeTarget,
  type SipOptionsResult,
  unmatchable,
  untilDeadline,
} from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";
import { connectOutcomeOf, errorMessage } from "./socket-errors";

/**
 * One OPTIONS transaction over an open stream (TCP, or the plaintext side of TLS): one request,
 * then the bounded reader until the final response (Content-Length framing, RFC 3261 18.3).
 * Closes the channel when done.
 */
export function streamOptions(
  target: ProbeTarget,
  transport: "tcp" | "tls",
  channel: ByteChannel,
  deadline: ProbeDeadline,
): Promise<SipOptionsResult> {
  const ids = newTransactionIds();
  return untilDeadline<SipOptionsResult>(
    deadline,
    (reason) => failure(target, "timeout", reason),
    ({ finish, defer }) => {
      defer(() => channel.close());
      const reader = createSipResponseReader({ maxBytes: MAX_SIP_RESPONSE_BYTES });
      let received = 0;
      const started = performance.now();
      channel.listen(
        (chunk) => {
          received += chunk.length;
          let result = reader.push(chunk);
          // Another transaction's response on the connection: keep reading after it.
          while ("done" in result && result.done && matchResponse(result.response, ids) === "other") {
            result = reader.push(result.rest);
          }
          if ("error" in result) {
            return finish(failure(target, result.error === "too-large" ? "too-large" : "malformed", result.message));
          }
          if (!result.done) return;
          if (matchResponse(result.response, ids) === "unmatchable")
            return finish(unmatchable(target, result.response));
          finish(answered(target, result.response, elapsedMs(started)));
        },
        (error) => {
          if (error) return finish(failure(target, connectOutcomeOf(error), errorMessage(error)));
          // A FIN before any answer is the server refusing to talk; mid-response it is a broken message.
          if (received === 0) finish(failure(target, "reset", "the server closed the connection without answering"));
          else finish(failure(target, "malformed", "the connection closed in the middle of a response"));
        },
      );
      channel
        .write(new TextEncoder().encode(optionsRequest(target, transport, ids)))
        .catch((error: unknown) => finish(failure(target, connectOutcomeOf(error), errorMessage(error))));
    },
  );
}
