import { execFileSync } from "node:child_process";
import { BARESIP } from "./baresip-runner";
import { LINPHONEC } from "./linphone-runner";

/**
 * What the phone runs need from the machine. Missing pieces are an error naming the Debian
 * package, never a skipped test: CI installs them all (.ci/run).
 */
const TOOLS: Array<{ command: string; args: string[]; package: string }> = [
  { command: BARESIP, args: ["-h"], package: "baresip" },
  { command: LINPHONEC, args: ["-v"], package: "linphone-cli" },
  { command: "tcpdump", args: ["--version"], package: "tcpdump" },
  { command: "unshare", args: ["--version"], package: "util-linux" },
  { command: "perl", args: ["-MSocket", "-e", "1"], package: "perl-base" },
];

export function missingPhoneTools(): string[] {
  const missing: string[] = [];
  for (const tool of TOOLS) {
    try {
      execFileSync(tool.command, tool.args, { stdio: "ignore", timeout: 10_000 });
    } catch (error) {
      // baresip -h exits non-zero after printing its usage; only "not found" counts as missing.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        missing.push(`${tool.command} (apt-get install ${tool.package})`);
      }
    }
  }
  // Port 53 for linphone's resolver, tcpdump on lo and `unshare -m` with a bind mount need root.
  if (process.getuid?.() !== 0) missing.push("root (port 53, tcpdump, unshare -m)");
  return missing;
}
