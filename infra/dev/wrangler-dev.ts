import { type ChildProcess, spawn } from "node:child_process";

/**
 * `wrangler dev` for the whole service on a local D1, with `--test-scheduled` so the cron
 * ticker can fire the scheduled handler through `/__scheduled`.
 */
export interface WranglerDev {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function wranglerBin(repoRoot: string): string {
  return `${repoRoot}/node_modules/.bin/wrangler`;
}

export async function startWranglerDev(options: {
  repoRoot: string;
  port: number;
  envFile: string;
  persistTo: string;
  /** The Worker's tmpdir: miniflare keeps sent mail under it (lab/sent-mail.ts). */
  tmpDir: string;
  onLine?: (line: string) => void;
}): Promise<WranglerDev> {
  const { repoRoot, port, envFile, persistTo, tmpDir } = options;
  const child = spawn(
    wranglerBin(repoRoot),
    [
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--env-file",
      envFile,
      "--test-scheduled",
      "--persist-to",
      persistTo,
      "--show-interactive-dev-session=false",
    ],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"], // No internet here: keep wrangler from fetching request.cf data and sending metrics.
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: "false",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        TMPDIR: tmpDir,
      },
    },
  );
  const relay = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) options.onLine?.(line);
  };
  child.stdout?.on("data", relay);
  child.stderr?.on("data", relay);
  const url = `http://127.0.0.1:${port}`;
  await waitUntilServing(url, child);
  return {
    url,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
      }),
  };
}

/** Polls the OpenAPI document: it answers once the Worker (not just wrangler's proxy) is up. */
async function waitUntilServing(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/v1/openapi.json`, { signal: AbortSignal.timeout(2_000) })
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`wrangler dev did not serve ${url} within ${timeoutMs / 1000} s`);
}
