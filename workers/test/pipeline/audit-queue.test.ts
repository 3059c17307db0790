import type { DueMonitor } from "@sipwatch/db";
import { describe, expect, it } from "vitest";
import {
  type AuditMessage,
  MAX_MESSAGE_BYTES,
  MAX_SEND_BATCH_BYTES,
  messageBytes,
  planAuditMessages,
  sendAuditMessages,
  sendBatchesOf,
} from "../../src/scheduled/audit-message";

const monitor = (i: number, organisationId: string, target = "example.com"): DueMonitor => ({
  id: `mon_${i}`,
  organisationId,
  target,
  expectedTransports: ["tls", "tcp"],
  regions: ["weur", "enam", "apac", "wnam", "eeur", "sam", "oc", "afr", "me"],
  intervalMinutes: 1,
  thresholds: { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 },
  alertPolicy: null,
});

const message = (index: number, targetBytes = 10): AuditMessage => ({
  v: 1,
  scheduledTime: 0,
  shard: "HISTORY_1",
  index,
  monitors: [monitor(index, "org", "x".repeat(targetBytes))],
});

describe("the minute's queue messages", () => {
  it("groups due monitors by their organisation's shard, at most 20 to a message, numbered across the minute", () => {
    const due = [
      ...Array.from({ length: 30 }, (_, i) => monitor(i, "org_a")),
      ...Array.from({ length: 15 }, (_, i) => monitor(100 + i, "org_b")),
    ];
    const shards: Record<string, string> = { org_a: "HISTORY_1", org_b: "HISTORY_2" };
    const messages = planAuditMessages(due, (org) => shards[org] ?? "DB", 42);
    expect(messages.map((m) => [m.shard, m.index, m.monitors.length])).toEqual([
      ["HISTORY_1", 0, 20],
      ["HISTORY_1", 1, 10],
      ["HISTORY_2", 2, 15],
    ]);
    expect(messages.every((m) => m.scheduledTime === 42)).toBe(true);
  });

  it("keeps a full message of nine-region monitors far under the 128 KB message limit", () => {
    const [full] = planAuditMessages(
      Array.from({ length: 20 }, (_, i) => monitor(i, "org", `sip${i}.customer-domain.example.com`)),
      () => "HISTORY_1",
      0,
    );
    if (!full) throw new Error("no message");
    expect(messageBytes(full)).toBeLessThan(MAX_MESSAGE_BYTES / 8);
  });

  it("sends at most 100 messages and 256 KB per sendBatch, and refuses a message over 128 KB", () => {
    const small = Array.from({ length: 250 }, (_, i) => message(i));
    expect(sendBatchesOf(small).map((b) => b.length)).toEqual([100, 100, 50]);
    const big = Array.from({ length: 5 }, (_, i) => message(i, 100_000));
    const batches = sendBatchesOf(big);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    for (const batch of batches) {
      expect(batch.reduce((n, m) => n + messageBytes(m), 0)).toBeLessThanOrEqual(MAX_SEND_BATCH_BYTES);
    }
    expect(() => sendBatchesOf([message(0, 130_000)])).toThrow(/over the queue's 128000/);
  });

  it("reports how many messages were sent when one sendBatch fails (a tick dying halfway)", async () => {
    const sent: AuditMessage[] = [];
    let calls = 0;
    const queue = {
      async sendBatch(batch: Iterable<MessageSendRequest<AuditMessage>>) {
        if (++calls === 2) throw new Error("Queue send failed: Too Many Requests");
        for (const m of batch) sent.push(m.body);
      },
    } as unknown as Queue<AuditMessage>;
    const messages = Array.from({ length: 150 }, (_, i) => message(i));
    expect(await sendAuditMessages(queue, messages)).toBe(100);
    expect(sent.map((m) => m.index)).toEqual(messages.slice(0, 100).map((m) => m.index));
  });
});
