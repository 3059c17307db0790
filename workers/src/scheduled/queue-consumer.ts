import type { Env } from "../env";
import { historyUnavailableIn } from "../history/history-unavailable";
import { createServices } from "../services";
import type { AuditMessage } from "./audit-message";
import { processAuditMessage } from "./process-audit-message";

/** A shard that is down or an organisation that is moving: try again after this long. */
export const HISTORY_RETRY_SECONDS = 30;
/** Anything else (a bug, a prober RPC that threw past dispatch's guard): back off longer. */
export const OTHER_RETRY_SECONDS = 60;
/**
 * A message queued longer ago than this is dropped, not audited: its monitors have been planned
 * again since, and a backlog (consumers short of concurrency, a shard down for long) must not
 * grow by auditing minutes that newer messages already cover.
 */
export const STALE_MESSAGE_MS = 10 * 60_000;

/**
 * AUDIT_QUEUE's consumer. Messages of one batch run side by side, each acked or retried on its
 * own, so a shard that is down sends back only its own messages; the others' audits are stored.
 * A message whose retries run out goes to the dead-letter queue (wrangler.toml): those monitors
 * miss runs, which the next minute's audits replace.
 */
export async function consumeAuditMessages(batch: MessageBatch<AuditMessage>, env: Env): Promise<void> {
  const services = createServices(env);
  await Promise.all(
    batch.messages.map(async (message) => {
      try {
        if (message.body?.v !== 1) throw new Error(`Unknown audit message version ${String(message.body?.v)}`);
        if (Date.now() - message.timestamp.getTime() > STALE_MESSAGE_MS) {
          console.log(
            JSON.stringify({ event: "audit-message-stale", index: message.body.index, queuedAt: message.timestamp }),
          );
          message.ack();
          return;
        }
        const outcome = await processAuditMessage(services, message.body, { attempts: message.attempts });
        console.log(JSON.stringify({ event: "audit-message", index: message.body.index, ...outcome }));
        message.ack();
      } catch (error) {
        const unavailable = historyUnavailableIn(error);
        console.error(
          JSON.stringify({
            event: unavailable ? "history-unavailable" : "audit-message-failed",
            index: message.body?.index,
            attempts: message.attempts,
            error: String(error),
          }),
        );
        message.retry({ delaySeconds: unavailable ? HISTORY_RETRY_SECONDS : OTHER_RETRY_SECONDS });
      }
    }),
  );
}
