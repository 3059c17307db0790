import { type ProbeTarget, probeKey } from "@sipwatch/core";
import type { ByteChannel } from "./byte-channel";

/**
 * Hands the TLS session the TLS prober just opened to the SIP prober asking the same target,
 * so OPTIONS over TLS rides the connection whose certificate was read, as a phone's REGISTER
 * would: one handshake per target instead of two, which halves the edge's CPU for TLS targets.
 * Sessions nobody takes are closed after `idleMs`, or by `closeAll()` when the audit ends.
 */
export class TlsSessionShelf {
  private readonly parked = new Map<string, { channel: ByteChannel; timer: ReturnType<typeof setTimeout> }>();
  /** Sessions handed on instead of a new handshake: what the audit saved. */
  reused = 0;

  constructor(private readonly idleMs = 10_000) {}

  put(target: ProbeTarget, channel: ByteChannel): void {
    const key = keyOf(target);
    this.drop(key);
    const timer = setTimeout(() => this.drop(key), this.idleMs);
    this.parked.set(key, { channel, timer });
  }

  /** The parked session for this target, if the server has not closed it meanwhile. */
  take(target: ProbeTarget): ByteChannel | undefined {
    const key = keyOf(target);
    const entry = this.parked.get(key);
    if (!entry) return undefined;
    clearTimeout(entry.timer);
    this.parked.delete(key);
    if (entry.channel.isOpen()) {
      this.reused++;
      return entry.channel;
    }
    entry.channel.close();
    return undefined;
  }

  closeAll(): void {
    for (const key of [...this.parked.keys()]) this.drop(key);
  }

  private drop(key: string): void {
    const entry = this.parked.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.channel.close();
    this.parked.delete(key);
  }
}

// SNI is part of the session: a session for one host name is not reused for another.
const keyOf = (target: ProbeTarget) => `${probeKey(target)} ${target.host.toLowerCase()}`;
