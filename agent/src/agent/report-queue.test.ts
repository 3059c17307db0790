import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { failedRunSummary } from "@sipwatch/core";
import { describe, expect, it } from "vitest";
import type { AgentReport } from "./protocol";
import { ReportQueue } from "./report-queue";

const report = (startedAt: number): AgentReport => ({
  reportId: crypto.randomUUID(),
  monitorId: "mon_a",
  startedAt,
  durationMs: 1,
  summary: failedRunSummary("resolver down"),
  recordSets: null,
  hash: null,
  resolution: null,
  findings: [],
});

describe("ReportQueue", () => {
  it("keeps reports across instances, oldest first, until removed", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sipwatch-queue-"));
    const first = new ReportQueue(dir, 10);
    await first.open();
    const [a, b] = [report(2000), report(1000)];
    await first.add(a);
    await first.add(b);
    const again = new ReportQueue(dir, 10);
    await again.open();
    expect((await again.oldest(10)).map((r) => r.reportId)).toEqual([b.reportId, a.reportId]);
    await again.remove([b.reportId]);
    expect((await again.oldest(10)).map((r) => r.reportId)).toEqual([a.reportId]);
  });

  it("drops the oldest beyond its bound and says which", async () => {
    const queue = new ReportQueue(mkdtempSync(join(tmpdir(), "sipwatch-queue-")), 2);
    await queue.open();
    const [a, b, c] = [report(1), report(2), report(3)];
    await queue.add(a);
    await queue.add(b);
    expect(await queue.add(c)).toEqual([a.reportId]);
    expect(await queue.size()).toBe(2);
  });

  it("ignores a write cut short (a temp file) and removes a corrupt file instead of blocking", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sipwatch-queue-"));
    const queue = new ReportQueue(dir, 10);
    await queue.open();
    const good = report(5);
    await queue.add(good);
    writeFileSync(join(dir, "queue", "000000000000001-x.json.tmp"), "{");
    writeFileSync(join(dir, "queue", "000000000000002-y.json"), "{trunc");
    const reopened = new ReportQueue(dir, 10);
    await reopened.open();
    expect((await reopened.oldest(10)).map((r) => r.reportId)).toEqual([good.reportId]);
    expect(readdirSync(join(dir, "queue"))).toEqual([`000000000000005-${good.reportId}.json`]);
  });
});
