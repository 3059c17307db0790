/**
 * Debian's Chromium driven by playwright-core, for the browser tests (dashboard end to end,
 * badge rendering). playwright-core never downloads a browser: `.ci/run` installs the `chromium`
 * package and we point at its binary.
 *
 * The extra flags keep Chromium off the network this machine does not have: without
 * --disable-background-networking and friends it opens many refused connections at start.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Screenshots land here; CI keeps the folder as the run's artifacts. */
export const ARTIFACTS_DIR = resolve(import.meta.dirname, "../../.artifacts");

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH}: apt-get install chromium (or set CHROMIUM_PATH)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The path of a screenshot named `name` under the artifacts folder, creating the folder. */
export function artifactPath(...parts: string[]): string {
  const path = join(ARTIFACTS_DIR, ...parts);
  mkdirSync(join(path, ".."), { recursive: true });
  return path;
}
