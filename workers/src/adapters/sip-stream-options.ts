import {
  elapsedMs,
  failure,
  newTransactionIds,
  optionsRequest,
  type ProbeDeadline,
  type ProbeTarget,
  type SipOptionsResult,
  streamOptionsReceiver,
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
      const started = performance.now();
      const receiver = streamOptionsReceiver(target, ids, () => elapsedMs(started));
      channel.listen(
        (chunk) => {
          const result = receiver.push(chunk);
          if (result) finish(result);
        },
        (error) => finish(error ? failure(target, connectOutcomeOf(error), errorMessage(error)) : receiver.closed()),
      );
      channel
        .write(new TextEncoder().encode(optionsRequest(target, transport, ids)))
        .catch((error: unknown) => finish(failure(target, connectOutcomeOf(error), errorMessage(error))));
    },
  );
}
