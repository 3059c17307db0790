import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runSipwatch } from "./run-cli";

const PASSWORD = "cli-secret-Pw9";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Usage errors of `check --user`: exit 3, and the password in none of the words. */
describe("sipwatch check --user arguments", () => {
  it.each([
    [["--auth-user", "bob"], /--auth-user, --password-file and --outbound-proxy go with --user/],
    [["--outbound-proxy", "proxy.example.com"], /--outbound-proxy go with --user/],
    [
      ["--user", "alice", "--outbound-proxy", "sip:bob@proxy.example.com"],
      /--outbound-proxy: names a proxy, not a user/,
    ],
    [["--user", "alice"], /--user needs a password: --password-file <file> or SIPWATCH_PASSWORD/],
    [["--user", "alice", "--password-file", "/nonexistent/pw"], /--password-file \/nonexistent\/pw: ENOENT/],
    [["--user", "al ice"], /--user needs a SIP user name/],
  ])("%j is a usage error", async (args, message) => {
    vi.stubEnv("SIPWATCH_PASSWORD", "");
    const run = await runSipwatch("check", "example.com", ...args);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(message);
  });

  it("refuses --user with --no-probe, without printing the password from the environment", async () => {
    vi.stubEnv("SIPWATCH_PASSWORD", PASSWORD);
    const run = await runSipwatch("check", "example.com", "--user", "alice", "--no-probe");
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/--user needs the probes/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
  });

  it("reads the password file's first line and never echoes it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sw-register-"));
    const file = join(dir, "pw");
    await writeFile(file, `${PASSWORD}\nsecond line\n`);
    const run = await runSipwatch("check", "example.com", "--user", "alice", "--password-file", file, "--no-probe");
    expect(run.code).toBe(3);
    expect(`${run.stdout}${run.stderr}`).not.toContain(PASSWORD);
    await rm(dir, { recursive: true, force: true });
  });
});
