import type { OverviewMonitor } from "./overview-rows";

export const STRIP_TRANSPORTS = ["udp", "tcp", "tls", "wss"] as const;
export type StripTransport = (typeof STRIP_TRANSPORTS)[number];
export type CellState = "up" | "down" | "missing" | "unprobed";

export interface StripCell {
  transport: StripTransport;
  state: CellState;
  ms: number | null;
  /** What a screen reader and a tooltip say: "TLS up, 42 ms". */
  text: string;
}

/**
 * One vantage's row of the transport strip. A transport the monitor expects but the audit did
 * not see answer is "down"; one it found nothing for is "missing"; UDP from the edge is never
 * probed (Workers have no UDP sockets), so it shows as "unprobed" unless an agent probed it.
 */
export function stripCells(vantage: OverviewMonitor["vantages"][number], expected: readonly string[]): StripCell[] {
  return STRIP_TRANSPORTS.map((transport) => {
    const seen = vantage.transports[transport];
    const name = transport.toUpperCase();
    if (seen) {
      const state = seen.ok ? "up" : "down";
      const timing = seen.ok && seen.ms !== null ? `, ${seen.ms} ms` : "";
      return { transport, state, ms: seen.ms, text: `${name} ${state}${timing}` };
    }
    const isAgent = !vantage.vantageId.startsWith("region:");
    if (transport === "udp" && !isAgent) {
      return { transport, state: "unprobed", ms: null, text: `${name} not probed from the edge` };
    }
    const state: CellState = expected.includes(transport) ? "missing" : "unprobed";
    return {
      transport,
      state,
      ms: null,
      text: state === "missing" ? `${name} expected, not found` : `${name} not offered`,
    };
  });
}
