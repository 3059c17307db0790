import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/** The installed command is the esbuild bundle (npm install runs the build): it must load and run. */
const BIN = fileURLToPath(new URL("../bin/sipwatch.mjs", import.meta.url));

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
});
