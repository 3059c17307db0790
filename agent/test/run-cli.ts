import type { AuditReport } from "@sipwatch/core";
import { runCli } from "../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output, no colour (as when piped). */
export async function runSipwatch(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    color: false,
  });
  return { code, stdout, stderr };
}

export async function checkJson(...argv: string[]): Promise<{ code: number; report: AuditReport }> {
  const run = await runSipwatch("check", ...argv, "--json");
  if (run.stderr) throw new Error(run.stderr);
  return { code: run.code, report: JSON.parse(run.stdout) as AuditReport };
}
