import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dnsPacket from "@leichtgewicht/dns-packet";
import { renderBindZone, renderNamedConf, zoneFileName } from "./bind-render";
import { startDaemon } from "./daemon";
import { closeAll, listenUdpAndTcp } from "./listeners";
import { buildQuery, queryUdp } from "./loopback-dns-client";
import type { LabZone } from "./zones";

export { quoteCharacterString, renderBindZone, renderNamedConf, zoneFileName } from "./bind-render";

export interface StartNamedOptions {
  zones: LabZone[];
  /** How long named may take to load every zone. */
  timeoutMs?: number;
}

export interface RunningNamed {
  host: string;
  /** UDP and TCP. */
  port: number;
  workDir: string;
  close(): Promise<void>;
}

/** Path of BIND's named, or undefined when bind9 is not installed (the interop suite skips). */
export function findNamed(): string | undefined {
  try {
    const found = execFileSync("sh", ["-c", "command -v named"], { encoding: "utf8" }).trim();
    if (found) return found;
  } catch {
    // not on PATH: Debian installs it in /usr/sbin, which a non-root PATH often lacks
  }
  return existsSync("/usr/sbin/named") ? "/usr/sbin/named" : undefined;
}

/** Serves `zones` with a private BIND 9 instance on 127.0.0.1 and an ephemeral port. */
export async function startNamed(options: StartNamedOptions): Promise<RunningNamed> {
  const named = findNamed();
  if (!named) throw new Error("named not found: install bind9 (apt-get install bind9) to run BIND interop tests");
  const host = "127.0.0.1";
  // Reserve a port free for both UDP and TCP, then hand it over; the race window is tiny.
  const probe = await listenUdpAndTcp(host);
  const port = probe.udpPort;
  await closeAll(probe, undefined, new Set());

  const workDir = await mkdtemp(join(tmpdir(), "sipwatch-named-"));
  for (const zone of options.zones) await writeFile(join(workDir, zoneFileName(zone)), renderBindZone(zone));
  const confPath = join(workDir, "named.conf");
  await writeFile(confPath, renderNamedConf({ port, workDir, zones: options.zones }));

  // -g: foreground, log to stderr. One worker thread is plenty and starts faster.
  const { close } = await startDaemon({
    name: "named",
    command: named,
    args: ["-g", "-n", "1", "-c", confPath],
    workDir,
    waitReady: (exited) => waitUntilServing(host, port, options.zones, options.timeoutMs ?? 20_000, exited),
  });
  return { host, port, workDir, close };
}

/** Ready means every zone's SOA comes back authoritative: a zone that failed to load SERVFAILs. */
async function waitUntilServing(
  host: string,
  port: number,
  zones: LabZone[],
  timeoutMs: number,
  exited: Promise<number | null>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  const pending = new Set(zones.map((zone) => zone.origin));
  while (pending.size > 0) {
    if (exitCode !== undefined) throw new Error(`named exited with code ${exitCode} before serving`);
    if (Date.now() > deadline) throw new Error(`named did not serve ${[...pending].join(", ")} within ${timeoutMs} ms`);
    for (const origin of pending) {
      const reply = await queryUdp(host, port, buildQuery(origin, "SOA"), 250).catch(() => undefined);
      if (!reply) break;
      const packet = dnsPacket.decode(reply);
      if (packet.flag_aa && packet.rcode === "NOERROR") pending.delete(origin);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
