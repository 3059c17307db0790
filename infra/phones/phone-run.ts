import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LabDnsQuestion } from "../lab/dns-server";
import type { AddressBlockPool } from "./address-block";
import { startBaresip } from "./baresip-runner";
import { startLinphone } from "./linphone-runner";
import { type ObservedAttempt, observedAttempts } from "./observed-attempts";
import type { PhoneConfig } from "./phone-configs";
import { type PhoneLab, startPhoneLab } from "./phone-lab";
import type { PhonePki } from "./phone-pki";
import type { PhoneProcess } from "./phone-process";
import type { PhoneZone } from "./phone-zones";

/**
 * One phone set-up against one zone: bring the zone up in a free address block, start the phone,
 * wait until some listener answered its REGISTER (plus a short settle, to see anything it does
 * next) or until the bound, then stop the phone's whole process group and the lab, and read the
 * attempts off the capture. The phone and the lab are stopped on every path, errors included.
 */
export interface PhoneRun<T = undefined> {
  config: PhoneConfig;
  zone: PhoneZone;
  domain: string;
  attempts: ObservedAttempt[];
  /** ms from the phone's start to the first 200 to a REGISTER, if any. */
  registeredAfterMs: number | null;
  /** Where the REGISTER was answered; host is "sip1", "@" (the domain) ... */
  registeredAt: { transport: string; host: string; address: string; port: number } | null;
  questions: Array<Omit<LabDnsQuestion, "at"> & { atMs: number }>;
  /** How long the run took, and whether it hit its bound. */
  ranMs: number;
  hitBound: boolean;
  /** Whether the phone's process group outlived stop() (checked after the stop, a few ms later). */
  phoneLeftRunning: boolean;
  /** The phone's log, for reading after a surprise. */
  logDir: string;
  /** What `beforePhone` returned. */
  before: T;
}

export interface PhoneRunOptions<T = undefined> {
  /** Runs in the zone's lab before the phone starts (the audit whose prediction the phone is held to). */
  beforePhone?: (lab: PhoneLab) => Promise<T>;
  pool: AddressBlockPool;
  pki: PhonePki;
  /** Hard bound on the phone's life. */
  boundMs: number;
  /** How long to keep watching after the registration. */
  settleMs?: number;
  /** Keep the run directory (config, logs) instead of deleting it. */
  keepDir?: boolean;
}

export async function runPhone<T = undefined>(
  config: PhoneConfig,
  zone: PhoneZone,
  options: PhoneRunOptions<T>,
): Promise<PhoneRun<T>> {
  const block = await options.pool.acquire();
  const dir = await mkdtemp(join(tmpdir(), `sipwatch-phone-${config.id}-${zone.id}-`));
  let phone: PhoneProcess | undefined;
  let lab: PhoneLab | undefined;
  try {
    lab = await startPhoneLab(zone, block, options.pki);
    const before = (await options.beforePhone?.(lab)) as T;
    const caFile = join(dir, "ca.pem");
    await writeFile(caFile, options.pki.caPem);
    const common = { dir, domain: lab.domain, block, caFile };
    phone =
      config.phone === "baresip"
        ? await startBaresip({ ...common, style: config.style })
        : await startLinphone({ ...common, transport: config.transport });
    const startedAt = phone.startedAt;
    const exited = new Promise<"exited">((resolve) => phone?.child.once("exit", () => resolve("exited")));
    const bound = sleep(options.boundMs).then(() => "bound" as const);
    const registered = lab.registered.then(() => "registered" as const);
    const first = await Promise.race([registered, bound, exited]);
    if (first === "registered") await Promise.race([sleep(options.settleMs ?? 2000), exited]);
    const stoppedAt = Date.now();
    await phone.stop();
    // SIGKILL reaches the whole group at once, but a zombie needs a moment to be reaped.
    await sleep(100);
    const phoneLeftRunning = phone.groupAlive();
    const ranMs = stoppedAt - startedAt;
    const packets = await lab.close();
    const events = lab.listenerEvents();
    const attempts = observedAttempts(packets, events, lab.targets, block, startedAt, stoppedAt);
    const done = events.find((e) => e.registered);
    return {
      config,
      zone,
      domain: lab.domain,
      attempts,
      registeredAfterMs: done ? done.at - startedAt : null,
      registeredAt: done
        ? {
            transport: done.transport,
            host: lab.targets.find((t) => t.address === done.address)?.host ?? done.address,
            address: done.address,
            port: done.port,
          }
        : null,
      questions: lab.questions.filter((q) => q.at < stoppedAt).map(({ at, ...q }) => ({ ...q, atMs: at - startedAt })),
      ranMs,
      hitBound: first === "bound",
      phoneLeftRunning,
      logDir: dir,
      before,
    };
  } finally {
    await phone?.stop();
    await lab?.close().catch(() => []);
    options.pool.release(block);
    if (!options.keepDir) await rm(dir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
