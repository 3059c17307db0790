import type { AuditReport } from "@sipwatch/core";
import { afterAll, describe, expect, it } from "vitest";
import { AddressBlockPool } from "../phones/address-block";
import { describeAttempt } from "../phones/observed-attempts";
import { phoneConfigs } from "../phones/phone-configs";
import { phonePki } from "../phones/phone-pki";
import { auditPhoneLab } from "../phones/phone-prediction";
import { type PhoneRun, runPhone } from "../phones/phone-run";
import { missingPhoneTools } from "../phones/phone-tools";
import { certificateNames, phoneZones } from "../phones/phone-zones";
import { observedView, predictedView, predictionFor, REGISTER_TIME_TOLERANCE_MS } from "../phones/prediction-match";

/**
 * Real phones against the phone zones (infra/phones): Debian's baresip 1.0.0 (libre 1.1.0) and
 * linphonec 5.1.65 (belle-sip 5.1.64), each set up as a user would, each run in its own loopback
 * block with every SYN and datagram captured. Each test checks two things:
 * - the phone still does what was measured (the table below: attempts in order, "transport host",
 *   host "@" being the SIP domain's own address, and where it registered, after how long);
 * - sipwatch's prediction for the profile that models this set-up (core's audit of the same lab
 *   with the agent's probers) names the same candidates in the same order and the same outcome.
 * All runs start together (a pool of address blocks bounds how many at once) and each test awaits
 * its own, so the silent-target cases (32 s and 64 s timers) overlap with everything else.
 */
const missing = missingPhoneTools();
if (missing.length > 0) throw new Error(`the real-phone tests need: ${missing.join(", ")} (see .ci/run)`);

type ConfigId = (typeof phoneConfigs)[number]["id"];

interface PhoneCase {
  config: ConfigId;
  zone: string;
  /** The attempts measured, in order: "tls sip1, tls sip2". */
  attempts: string;
  /** Where it registered ("tls sip2"), or null when it did not within `watchS`. */
  registered: string | null;
  /** Seconds from the phone's start to the 200 OK, as measured. */
  afterS?: number;
  /** How long an unregistered phone is watched (default 12 s: shorter than baresip's 30-60 s retry). */
  watchS?: number;
}

const reg = (attempts: string, registered: string, afterS = 0): Omit<PhoneCase, "config" | "zone"> => ({
  attempts,
  registered,
  afterS,
});
const none = (attempts: string, watchS = 12): Omit<PhoneCase, "config" | "zone"> => ({
  attempts,
  registered: null,
  watchS,
});

/** Each phone set-up on its own configured transport, registering at sip1 at once. */
const onOwnTransport = {
  "baresip-tcp": reg("tcp sip1", "tcp sip1"),
  "baresip-tls": reg("tls sip1", "tls sip1"),
  "linphone-udp": reg("udp sip1", "udp sip1"),
  "linphone-tcp": reg("tcp sip1", "tcp sip1"),
  "linphone-tls": reg("tls sip1", "tls sip1"),
};
/** Each set-up on its own transport to the domain's address (no SRV for it). */
const toDomainAddress = {
  "baresip-tcp": reg("tcp @", "tcp @"),
  "baresip-tls": reg("tls @", "tls @"),
  "linphone-udp": reg("udp @", "udp @"),
  "linphone-tcp": reg("tcp @", "tcp @"),
  "linphone-tls": reg("tls @", "tls @"),
};

/** What each phone did, measured on 2026-12-05 (observe-phones.ts); zone descriptions in phone-zones.ts. */
const MEASURED: Record<string, Record<ConfigId, Omit<PhoneCase, "config" | "zone">>> = {
  // baresip asks NAPTR; the others never do and use their configured transport's SRV.
  healthy: { baresip: reg("tls sip1", "tls sip1"), ...onOwnTransport },
  // Nobody moves from TLS to TCP: both TLS targets refused means no registration (issue 13).
  "tls-refused": {
    ...onOwnTransport,
    baresip: none("tls sip1, tls sip2"),
    "baresip-tls": none("tls sip1, tls sip2"),
    // belle-sip walks its target list twice within ~0.2 s, then stops.
    "linphone-tls": none("tls sip1, tls sip2, tls sip1, tls sip2"),
  },
  // baresip 1.0.0 does not verify the server certificate at all, even with sip_cafile set: it
  // registers over TLS with an expired one. linphonec with verify_server_certs=1 refuses (alert 45).
  "tls-expired": {
    ...onOwnTransport,
    baresip: reg("tls sip1", "tls sip1"),
    "linphone-tls": none("tls sip1, tls sip2, tls sip1, tls sip2"),
  },
  // The same with a certificate for other.example.net (linphonec: alert 42 bad certificate).
  "tls-wrong-name": {
    ...onOwnTransport,
    baresip: reg("tls sip1", "tls sip1"),
    "linphone-tls": none("tls sip1, tls sip2, tls sip1, tls sip2"),
  },
  // No NAPTR: baresip asks _sips._tcp first (RFC 3263 4.1) and takes it.
  "srv-only": { baresip: reg("tls sip1", "tls sip1"), ...onOwnTransport },
  // baresip asks all three SRV owners, then the domain's A: UDP 5060.
  "a-only": { baresip: reg("udp @", "udp @"), ...toDomainAddress },
  "first-refused": {
    baresip: reg("tls sip1, tls sip2", "tls sip2"),
    "baresip-tcp": reg("tcp sip1, tcp sip2", "tcp sip2"),
    "baresip-tls": reg("tls sip1, tls sip2", "tls sip2"),
    // belle-sip ignores ICMP port unreachable: 12 REGISTER retransmissions to the refused sip1
    // over Timer F (32 s) before trying sip2.
    "linphone-udp": reg("udp sip1, udp sip2", "udp sip2", 33),
    "linphone-tcp": reg("tcp sip1, tcp sip2", "tcp sip2"),
    "linphone-tls": reg("tls sip1, tls sip2", "tls sip2"),
  },
  // libre gives the silent target Timer F (32 s); linphone's [sip] transport_timeout (63 s) rules
  // for TCP and TLS, Timer F for UDP.
  "first-silent": {
    baresip: reg("tls sip1, tls sip2", "tls sip2", 32),
    "baresip-tcp": reg("tcp sip1, tcp sip2", "tcp sip2", 32),
    "baresip-tls": reg("tls sip1, tls sip2", "tls sip2", 32),
    "linphone-udp": reg("udp sip1, udp sip2", "udp sip2", 33),
    "linphone-tcp": reg("tcp sip1, tcp sip2", "tcp sip2", 64),
    "linphone-tls": reg("tls sip1, tls sip2", "tls sip2", 64),
  },
  // Nobody asks _sip._tls: baresip ends on UDP to the domain, the others on their transport to it.
  "legacy-tls": { baresip: reg("udp @", "udp @"), ...toDomainAddress },
  // baresip takes a NAPTR tie in the order the answer lists it (BIND rotates RRsets: a lottery).
  "naptr-tie": { baresip: reg("tls sip1", "tls sip1"), ...onOwnTransport },
  "naptr-tie-udp-listed-first": { baresip: reg("udp sip1", "udp sip1"), ...onOwnTransport },
  // baresip keeps the NAPTR's transport when its SRV owner is empty and falls back to the
  // domain's address on 5061, instead of taking the next NAPTR (TCP).
  "naptr-missing-srv": {
    ...onOwnTransport,
    baresip: reg("tls @", "tls @"),
    "baresip-tls": reg("tls @", "tls @"),
    "linphone-tls": reg("tls @", "tls @"),
  },
  // baresip follows NAPTR even when it ranks UDP above TLS.
  "udp-first": { baresip: reg("udp sip1", "udp sip1"), ...onOwnTransport },
  // libre ignores ICMP port unreachable too: 11 retransmissions to the refused sip1 over Timer F.
  "udp-first-refused": {
    ...onOwnTransport,
    baresip: reg("udp sip1, udp sip2", "udp sip2", 32),
    "linphone-udp": reg("udp sip1, udp sip2", "udp sip2", 33),
  },
  // The NAPTR answer is truncated over UDP; libre does not retry over TCP and carries on as if
  // there were no NAPTR (_sips._tcp first), so it uses TLS although the real NAPTRs rank UDP first.
  "naptr-40": { baresip: reg("tls sip1", "tls sip1"), ...onOwnTransport },
  // A server closing the stream on the REGISTER: libre does not notice and waits Timer F (32 s)
  // before sip2; belle-sip reconnects to sip1 once and gives up, never trying sip2.
  "first-closes": {
    baresip: reg("tls sip1, tls sip2", "tls sip2", 32),
    "baresip-tcp": reg("tcp sip1, tcp sip2", "tcp sip2", 32),
    "baresip-tls": reg("tls sip1, tls sip2", "tls sip2", 32),
    "linphone-udp": reg("udp sip1", "udp sip1"),
    "linphone-tcp": none("tcp sip1, tcp sip1"),
    "linphone-tls": none("tls sip1, tls sip1"),
  },
  "all-refused": {
    baresip: none("tls sip1, tls sip2"),
    "baresip-tcp": none("tcp sip1, tcp sip2"),
    "baresip-tls": none("tls sip1, tls sip2"),
    // Timer F on each refused UDP target in turn (ICMP ignored).
    "linphone-udp": none("udp sip1, udp sip2", 50),
    "linphone-tcp": none("tcp sip1, tcp sip2, tcp sip1, tcp sip2"),
    "linphone-tls": none("tls sip1, tls sip2, tls sip1, tls sip2"),
  },
};

const CASES: PhoneCase[] = phoneZones.flatMap((zone) => {
  const measured = MEASURED[zone.id];
  if (!measured) throw new Error(`no measured behaviour for zone ${zone.id}`);
  return phoneConfigs.map((config) => {
    const expected = measured[config.id];
    if (!expected) throw new Error(`no measured behaviour for ${config.id} x ${zone.id}`);
    return { config: config.id, zone: zone.id, ...expected };
  });
});

/** Registered runs stop soon after the 200 OK; the bound only matters when that never comes. */
const boundMs = (c: PhoneCase) => (c.registered ? ((c.afterS ?? 0) + 15) * 1000 : (c.watchS ?? 12) * 1000);
const SETTLE_MS = 1500;
const PARALLEL_RUNS = 12;

const pool = new AddressBlockPool(PARALLEL_RUNS);
const pkiReady = phonePki(certificateNames());
const runs = new Map<PhoneCase, Promise<PhoneRun<AuditReport>>>();
// Longest first, so the 32 s and 64 s cases overlap with all the short ones.
for (const c of [...CASES].sort((a, b) => boundMs(b) - boundMs(a))) {
  const config = phoneConfigs.find((p) => p.id === c.config);
  const zone = phoneZones.find((z) => z.id === c.zone);
  if (!config || !zone) throw new Error(`unknown case ${c.config} x ${c.zone}`);
  const run = pkiReady.then((pki) =>
    runPhone(config, zone, {
      pool,
      pki,
      boundMs: boundMs(c),
      settleMs: SETTLE_MS,
      beforePhone: (lab) => auditPhoneLab(lab, pki.caPem),
    }),
  );
  run.catch(() => {}); // awaited (and reported) by its own test
  runs.set(c, run);
}

afterAll(async () => {
  // Every run stops its phone and lab in a finally; wait for the ones a failed test left behind.
  await Promise.allSettled(runs.values());
});

const steps = (run: PhoneRun<AuditReport>) =>
  run.attempts.map((a) => `${a.transport} ${a.host ?? `${a.address}:${a.port}`}`).join(", ");

describe("real phones against the phone zones", () => {
  for (const c of CASES) {
    const config = phoneConfigs.find((p) => p.id === c.config);
    it(`${c.config} x ${c.zone}`, { timeout: 600_000 }, async () => {
      const run = await (runs.get(c) as Promise<PhoneRun<AuditReport>>);
      const detail = `attempts seen:\n${run.attempts.map(describeAttempt).join("\n")}`;

      // Bad input or not, the run kept to its bound and left no phone process behind.
      expect.soft(run.ranMs, "phone run time").toBeLessThanOrEqual(boundMs(c) + 1000);
      expect.soft(run.phoneLeftRunning, "phone process group alive after stop").toBe(false);

      // The phone still behaves as measured.
      expect.soft(steps(run), detail).toBe(c.attempts);
      expect
        .soft(run.registeredAt && `${run.registeredAt.transport} ${run.registeredAt.host}`, detail)
        .toBe(c.registered);
      if (c.registered && run.registeredAfterMs !== null) {
        expect
          .soft(Math.abs(run.registeredAfterMs - (c.afterS ?? 0) * 1000), "registration time")
          .toBeLessThan(REGISTER_TIME_TOLERANCE_MS);
      }

      // sipwatch's profile for this set-up predicts what the phone did.
      const prediction = predictedView(predictionFor(run.before, config?.profile ?? c.config));
      const observed = observedView(run);
      expect({ attempts: prediction.attempts, outcome: prediction.outcome }, detail).toEqual({
        attempts: observed.attempts,
        outcome: observed.outcome,
      });
      if (observed.afterMs !== null && prediction.afterMs !== null) {
        expect(Math.abs(observed.afterMs - prediction.afterMs), "predicted time to register").toBeLessThan(
          REGISTER_TIME_TOLERANCE_MS,
        );
      }
    });
  }
});
