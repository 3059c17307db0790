/**
 * What the benches share: a real audit report to store in place of live audits (the CLI's audit
 * of a lab domain whose TLS certificate has expired: findings, DNS, every transport), and the
 * product's migrations as single statements for a fresh local D1.
 */
import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { AuditReport } from "@sipwatch/core";
import { startLabDns, startLiveService } from "@sipwatch/infra/lab";

const root = fileURLToPath(new URL("../..", import.meta.url));

export async function recordedReport(): Promise<AuditReport> {
  const live = await startLiveService("bench.sipwatch.test", "expired", "bench");
  const dns = await startLabDns({ zones: [live.zone] });
  try {
    const { stdout } = await promisify(execFile)(
      `${root}node_modules/.bin/sipwatch`,
      ["check", "bench.sipwatch.test", "--resolver", `127.0.0.1:${dns.udpPort}`, "--lab", "--json"],
      { maxBuffer: 1 << 24 },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" })); // exit code 2: critical findings
    return JSON.parse(stdout) as AuditReport;
  } finally {
    await Promise.all([dns.close(), live.close()]);
  }
}

/** Every migration, in order, split at drizzle's statement breakpoints. */
export function migrationStatements(): string[] {
  return readdirSync(`${root}db/migrations`)
    .filter((f) => f.endsWith(".sql"))
    .sort()
    .flatMap((f) => readFileSync(`${root}db/migrations/${f}`, "utf8").split("--> statement-breakpoint"))
    .map((s) => s.trim())
    .filter(Boolean);
}
