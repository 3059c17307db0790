import { type ChildProcess, spawn } from "node:child_process";
import { rm } from "node:fs/promises";

export interface DaemonOptions {
  /** For messages: "named", "kamailio". */
  name: string;
  command: string;
  args: string[];
  /** Temp directory holding the daemon's config; removed on close. */
  workDir: string;
  /**
   * Own process group, for daemons that fork workers (Kamailio): close() can then kill the
   * whole group if the main process does not stop on SIGTERM.
   */
  processGroup?: boolean;
  /** Resolves once the daemon serves; `exited` settles if it dies first. */
  waitReady(exited: Promise<number | null>): Promise<void>;
}

/**
 * Starts a test peer from Debian (BIND, Kamailio) in the foreground, keeps the last 20 KB of
 * its stderr for the error message, waits until it serves, and stops it (SIGTERM, then SIGKILL
 * after 5 s) and removes its directory on close.
 */
export async function startDaemon(options: DaemonOptions): Promise<{ close(): Promise<void> }> {
  const child = spawn(options.command, options.args, {
    stdio: ["ignore", "ignore", "pipe"],
    detached: options.processGroup ?? false,
  });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => {
    stderr = (stderr + text).slice(-20_000);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code, signal) => resolve(code ?? (signal ? -1 : null)));
    // Failed to spawn at all: no "exit" will follow.
    child.once("error", (error) => {
      stderr += `${error.message}\n`;
      resolve(-1);
    });
  });
  const close = async () => {
    await stop(child, exited, options.processGroup ?? false);
    await rm(options.workDir, { recursive: true, force: true });
  };
  try {
    await options.waitReady(exited);
  } catch (error) {
    await close();
    throw new Error(`${(error as Error).message}\n--- ${options.name} stderr ---\n${stderr}`);
  }
  return { close };
}

async function stop(child: ChildProcess, exited: Promise<number | null>, processGroup: boolean): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  child.kill("SIGTERM");
  const timer = setTimeout(() => {
    try {
      // Still there after 5 s: the whole group it leads, workers included.
      if (processGroup) process.kill(-pid, "SIGKILL");
      else child.kill("SIGKILL");
    } catch {
      child.kill("SIGKILL");
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
