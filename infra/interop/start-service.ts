import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningService {
  base: string;
  stateDir: string;
  /** Everything `npm start` printed so far, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The real `infra/dev/start.ts` (dashboard build, wrangler dev on a fresh local D1, the lab, the
 * cron ticker) on ports of the caller's choosing, so suites can run side by side. Resolves
 * once it prints READY.
 */
export async function startService(ports: { worker: number; dns: number; doh: number }): Promise<RunningService> {
  const stateDir = mkdtempSync(join(tmpdir(), "sipwatch-start-"));
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, "node_modules/tsx/dist/cli.mjs"), "infra/dev/start.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        SIPWATCH_STATE_DIR: stateDir,
        SIPWATCH_PORT: String(ports.worker),
        LAB_DNS_PORT: String(ports.dns),
        LAB_DOH_PORT: String(ports.doh),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
    }
    rmSync(stateDir, { recursive: true, force: true });
  };
  const started = Date.now();
  while (!output.includes("READY")) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    }
    if (Date.now() - started > 180_000) {
      await stop();
      throw new Error(`npm start was not ready within 3 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { base: `http://127.0.0.1:${ports.worker}`, stateDir, output: () => output, stop };
}
