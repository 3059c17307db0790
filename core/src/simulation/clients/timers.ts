import type { ClientFailover, ClientTimers } from "../types";

/** RFC 3261 17.1.2.2: a non-INVITE transaction (REGISTER) times out after 64*T1 = 32 s. */
export const TIMER_F_MS = 32_000;

/**
 * The letter of RFC 3261: silence costs Timer F on every transport; an ICMP error or a closed
 * connection is a transport error that fails the transaction at once (18.4), and RFC 3263 4.3
 * moves to the next element after any of them.
 */
export const RFC_TIMERS: ClientTimers = {
  udpSilentMs: TIMER_F_MS,
  udpRefusedMs: 0,
  tcpSilentMs: TIMER_F_MS,
  closedMs: 0,
};

export const ALWAYS_NEXT: ClientFailover = { afterTimeout: true, afterClose: true };
