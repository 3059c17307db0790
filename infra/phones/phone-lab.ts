import { type LabDns, type LabDnsQuestion, startLabDns } from "../lab/dns-server";
import type { AddressBlock } from "./address-block";
import type { PhonePki } from "./phone-pki";
import { labZoneFor, type PhoneTarget, type PhoneZone, zoneOrigin } from "./phone-zones";
import { type ListenerEvent, type RecordingListener, startRecordingListener } from "./recording-listener";
import { type SilentTcp, startSilentTcp } from "./silent-tcp";
import { startWireCapture, type WireCapture, type WirePacket } from "./wire-capture";

/**
 * One zone brought up in one address block: the lab DNS on port 53 of the block's DNS address,
 * a recording listener (or a silent socket) per target, and tcpdump on the block. Close it in a
 * finally: it stops every process and socket it started.
 */
export interface PhoneLab {
  zone: PhoneZone;
  domain: string;
  block: AddressBlock;
  targets: Array<PhoneTarget & { address: string }>;
  questions: LabDnsQuestion[];
  listenerEvents(): ListenerEvent[];
  /** Resolves when some listener answered a REGISTER 200 (or never). */
  registered: Promise<ListenerEvent>;
  /** Stops the capture and returns what it saw, then closes everything. */
  close(): Promise<WirePacket[]>;
}

export async function startPhoneLab(zone: PhoneZone, block: AddressBlock, pki: PhonePki): Promise<PhoneLab> {
  const closers: Array<() => Promise<unknown>> = [];
  const questions: LabDnsQuestion[] = [];
  const listeners: RecordingListener[] = [];
  let capture: WireCapture | undefined;
  let onRegistered: (event: ListenerEvent) => void = () => {};
  const registered = new Promise<ListenerEvent>((resolve) => {
    onRegistered = resolve;
  });
  const targets = zone.targets.map((t) => ({ ...t, address: addressOf(t.host, block) }));
  const closeAll = async () => {
    await Promise.allSettled(closers.splice(0).map((close) => close()));
  };
  try {
    const dns: LabDns = await startLabDns({
      zones: [labZoneFor(zone, block)],
      host: block.dns,
      udpPort: 53,
      tcpPort: 53,
      onQuestion: (q) => questions.push(q),
    });
    closers.push(() => dns.close());
    for (const target of targets) {
      if (target.behaviour === "refused") continue;
      if (target.behaviour === "silent" && target.transport !== "udp") {
        const silent: SilentTcp = await startSilentTcp(target.address, target.port);
        closers.push(() => silent.close());
        continue;
      }
      const certificate =
        target.transport !== "tls"
          ? undefined
          : pki.certificates[
              target.behaviour === "expired" || target.behaviour === "wrong-name" ? target.behaviour : "valid"
            ];
      const listener = await startRecordingListener(
        {
          transport: target.transport,
          address: target.address,
          port: target.port,
          mode:
            target.behaviour === "silent"
              ? "ignore"
              : target.behaviour === "close-on-request"
                ? "close-on-request"
                : "answer",
          ...(certificate ? { tls: { cert: certificate.chainPem, key: certificate.keyPem } } : {}),
        },
        () => {
          const done = listener.events.find((e) => e.registered);
          if (done) onRegistered(done);
        },
      );
      listeners.push(listener);
      closers.push(() => listener.close());
    }
    capture = await startWireCapture(block.net);
  } catch (error) {
    await closeAll();
    throw error;
  }
  const running = capture;
  return {
    zone,
    domain: zoneOrigin(zone),
    block,
    targets,
    questions,
    listenerEvents: () => listeners.flatMap((l) => l.events).sort((a, b) => a.at - b.at),
    registered,
    close: async () => {
      const packets = await running.stop();
      await closeAll();
      return packets;
    },
  };
}

export function addressOf(host: string, block: AddressBlock): string {
  return block.host(host === "@" ? 0 : Number(/^sip(\d+)$/.exec(host)?.[1]));
}
