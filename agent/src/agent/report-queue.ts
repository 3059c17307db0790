import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { AgentReport } from "./protocol";

/**
 * Reports waiting for the server, one JSON file each under `<stateDir>/queue`, so a restart or
 * a crash loses nothing: a report is written (temp file, then rename, which is atomic on one
 * file system) before it is sent, and deleted only once the server acknowledged it. File names
 * sort by time, so the oldest go first and are the first dropped when the queue is full.
 */
export class ReportQueue {
  private readonly dir: string;

  constructor(
    stateDir: string,
    private readonly maxReports: number,
  ) {
    this.dir = join(stateDir, "queue");
  }

  async open(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // A temp file is a write that never reached its rename: the report was never queued.
    for (const name of await readdir(this.dir))
      if (name.endsWith(".tmp")) await rm(join(this.dir, name), { force: true });
  }

  /** Queues a report; returns the ids of the oldest reports dropped to stay within the bound. */
  async add(report: AgentReport): Promise<string[]> {
    const name = `${String(report.startedAt).padStart(15, "0")}-${report.reportId}.json`;
    const temp = join(this.dir, `${name}.tmp`);
    await writeFile(temp, JSON.stringify(report), { flush: true });
    await rename(temp, join(this.dir, name));
    const names = await this.names();
    const excess = names.slice(0, Math.max(0, names.length - this.maxReports));
    await Promise.all(excess.map((n) => rm(join(this.dir, n), { force: true })));
    return excess.map(reportIdOf);
  }

  /** The oldest queued reports, up to `limit`; an unreadable file is removed rather than blocking the queue. */
  async oldest(limit: number): Promise<AgentReport[]> {
    const out: AgentReport[] = [];
    for (const name of (await this.names()).slice(0, limit)) {
      try {
        out.push(JSON.parse(await readFile(join(this.dir, name), "utf8")) as AgentReport);
      } catch {
        await rm(join(this.dir, name), { force: true });
      }
    }
    return out;
  }

  async remove(reportIds: readonly string[]): Promise<void> {
    const wanted = new Set(reportIds);
    const names = (await this.names()).filter((n) => wanted.has(reportIdOf(n)));
    await Promise.all(names.map((n) => rm(join(this.dir, n), { force: true })));
  }

  async size(): Promise<number> {
    return (await this.names()).length;
  }

  private async names(): Promise<string[]> {
    return (await readdir(this.dir)).filter((n) => n.endsWith(".json")).sort();
  }
}

const reportIdOf = (name: string) => name.slice(name.indexOf("-") + 1, -".json".length);
