import type { DueMonitor } from "@sipwatch/db";
import { JOBS_PER_BATCH } from "./plan-minute";

/**
 * One queue message of a minute's work: up to MONITORS_PER_MESSAGE due monitors whose history
 * lives on one shard, each to be audited from every one of its regions. Plain JSON.
 */
export interface AuditMessage {
  v: 1;
  /** The cron tick's time: the round's time for alerts. */
  scheduledTime: number;
  /** The history shard the monitors' organisations were on when planned. */
  shard: string;
  /** Number of this message within the minute: names its region probers ("weur:<index>"). */
  index: number;
  monitors: DueMonitor[];
}

/**
 * Monitors per message. Each region's prober gets one RPC with this many jobs at most, so it is
 * JOBS_PER_BATCH (plan-minute.ts has the per-invocation arithmetic for one prober).
 */
export const MONITORS_PER_MESSAGE = JOBS_PER_BATCH;

/** Queues: a message is at most 128 KB; a sendBatch() at most 100 messages and 256 KB (1 KB = 1000 B). */
export const MAX_MESSAGE_BYTES = 128_000;
export const MAX_SEND_BATCH_MESSAGES = 100;
export const MAX_SEND_BATCH_BYTES = 256_000;
/** Queues count ~100 bytes of metadata per message against the limits. */
const MESSAGE_OVERHEAD_BYTES = 100;

/** The minute's messages: the due monitors grouped by their organisation's shard, in chunks. */
export function planAuditMessages(
  due: readonly DueMonitor[],
  shardOf: (organisationId: string) => string,
  scheduledTime: number,
): AuditMessage[] {
  const byShard = new Map<string, DueMonitor[]>();
  for (const monitor of due) {
    const shard = shardOf(monitor.organisationId);
    byShard.set(shard, [...(byShard.get(shard) ?? []), monitor]);
  }
  const messages: AuditMessage[] = [];
  for (const [shard, monitors] of [...byShard].sort(([a], [b]) => a.localeCompare(b))) {
    for (let i = 0; i < monitors.length; i += MONITORS_PER_MESSAGE) {
      messages.push({
        v: 1,
        scheduledTime,
        shard,
        index: messages.length,
        monitors: monitors.slice(i, i + MONITORS_PER_MESSAGE),
      });
    }
  }
  return messages;
}

export const messageBytes = (message: AuditMessage) =>
  new TextEncoder().encode(JSON.stringify(message)).length + MESSAGE_OVERHEAD_BYTES;

/** Splits messages into sendBatch() calls within the count and size limits; refuses an oversized message. */
export function sendBatchesOf(messages: readonly AuditMessage[]): AuditMessage[][] {
  const batches: AuditMessage[][] = [];
  let current: AuditMessage[] = [];
  let bytes = 0;
  for (const message of messages) {
    const size = messageBytes(message);
    if (size > MAX_MESSAGE_BYTES) {
      throw new Error(`Audit message ${message.index} is ${size} bytes, over the queue's ${MAX_MESSAGE_BYTES}`);
    }
    if (current.length === MAX_SEND_BATCH_MESSAGES || bytes + size > MAX_SEND_BATCH_BYTES) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(message);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Sends the minute's messages; the sendBatch() calls run side by side (each is one subrequest).
 * Returns how many messages were sent: a call that fails loses only its messages' audits for
 * this minute (their monitors run again next interval), never anything already stored.
 */
export async function sendAuditMessages(
  queue: Queue<AuditMessage>,
  messages: readonly AuditMessage[],
): Promise<number> {
  const batches = sendBatchesOf(messages);
  const settled = await Promise.allSettled(
    batches.map((batch) => queue.sendBatch(batch.map((body) => ({ body, contentType: "json" as const })))),
  );
  let sent = 0;
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") sent += batches[i]?.length ?? 0;
    else console.error(JSON.stringify({ event: "send-failed", messages: batches[i]?.length, error: String(s.reason) }));
  });
  return sent;
}
