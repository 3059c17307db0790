import { execFileSync } from "node:child_process";
import { statSync, utimesSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** In this repository the command runs the esbuild bundle, rebuilt first when a source is newer. */
const BIN = fileURLToPath(new URL("../bin/sipwatch.mjs", import.meta.url));
const BUNDLE = fileURLToPath(new URL("../dist/sipwatch.mjs", import.meta.url));

describe("the bundled sipwatch command", () => {
  it("starts, loads every adapter and prints its version", () => {
    expect(execFileSync(process.execPath, [BIN, "--version"], { encoding: "utf8" })).toBe("sipwatch 0.1.0\n");
  });

  it("exits 3 with one line on a usage error", () => {
    try {
      execFileSync(process.execPath, [BIN, "check"], { encoding: "utf8", stdio: "pipe" });
      expect.unreachable("should exit non-zero");
    } catch (error) {
      const failure = error as { status: number; stderr: string };
      expect(failure.status).toBe(3);
      expect(failure.stderr).toBe("sipwatch: check takes exactly one domain or SIP URI\n");
    }
  });

  it("rebuilds a bundle older than the sources it was built from before running it", () => {
    // As if core had been edited after the last build: the bundle predates every source.
    const longAgo = new Date("2020-01-01T00:00:00Z");
    utimesSync(BUNDLE, longAgo, longAgo);
    expect(execFileSync(process.execPath, [BIN, "--version"], { encoding: "utf8" })).toBe("sipwatch 0.1.0\n");
    expect(statSync(BUNDLE).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });
});
