import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream } from "node:fs";

/**
 * A phone process in its own process group, so that stopping it also stops whatever it started
 * (linphonec runs under `unshare` and `sh`). Every group started is remembered until it exits,
 * and killed when the test process exits, so a failing or timed-out test leaves no phone behind.
 */
export interface PhoneProcess {
  child: ChildProcess;
  startedAt: number;
  /** Stops the whole group (SIGTERM, SIGKILL after 2 s) and resolves once the leader exited. */
  stop(): Promise<void>;
  /** Whether any process of the group is still alive (after stop(): a leak). */
  groupAlive(): boolean;
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

export function startPhoneProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; logFile: string; stdin?: string },
): PhoneProcess {
  installExitHook();
  const child = spawn(command, args, {
    detached: true,
    stdio: ["pipe", "pipe", "pipe"],
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  child.once("error", () => running.delete(child));
  const log = createWriteStream(options.logFile);
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  if (options.stdin !== undefined) child.stdin?.write(options.stdin);
  const startedAt = Date.now();
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.once("error", () => resolve());
  });
  return {
    child,
    startedAt,
    stop: async () => {
      signalGroup(child, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child, "SIGKILL"), 2000);
      await exited;
      clearTimeout(timer);
      // The leader is gone; make sure no straggler of its group is left.
      signalGroup(child, "SIGKILL");
      await new Promise<void>((resolve) => log.end(() => resolve()));
    },
    groupAlive: () => {
      if (child.pid === undefined) return false;
      try {
        process.kill(-child.pid, 0);
        return true;
      } catch {
        return false;
      }
    },
  };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group has already gone.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once("exit", () => {
    for (const child of running) signalGroup(child, "SIGKILL");
  });
}
