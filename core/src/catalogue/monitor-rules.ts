import type { Transport } from "../sip/types";

/**
 * What a monitor may say, checked by the API and offered by the dashboard and the monitors file:
 * one place for the choices, the name and slug rules, and every threshold's bounds and default.
 */

/** Every transport RFC 3263 discovery can lead to (NAPTR services, RFC 7118 for WebSocket). */
export const TRANSPORTS = [
  "udp",
  "tcp",
  "tls",
  "sctp",
  "tls-sctp",
  "ws",
  "wss",
] as const satisfies readonly Transport[];

/** The transports a monitor can expect and sipwatch probes (no SCTP anywhere; plain WS is rare). */
export const MONITOR_TRANSPORTS = ["udp", "tcp", "tls", "wss"] as const satisfies readonly Transport[];
export type MonitorTransport = (typeof MONITOR_TRANSPORTS)[number];
export const DEFAULT_MONITOR_TRANSPORTS: readonly MonitorTransport[] = ["udp", "tcp", "tls"];

/** Minutes between audits. The scheduler's phase arithmetic (minute m runs when (m + phase) % interval == 0) needs divisors of an hour. */
export const INTERVALS_MINUTES = [1, 5, 10, 15, 30, 60] as const;
export type IntervalMinutes = (typeof INTERVALS_MINUTES)[number];
export const DEFAULT_INTERVAL_MINUTES: IntervalMinutes = 5;

export const SEVERITIES = ["critical", "warning", "info"] as const;

/**
 * A public monitor's slug: its status page and badge URLs (/status/<slug>, /badge/<slug>.svg).
 * 3-63 characters like a DNS label, lower-case letters, digits and hyphens, starting with a letter
 * or digit.
 */
export const SLUG_PATTERN_SOURCE = "[a-z0-9][a-z0-9-]{2,62}";
export const SLUG_PATTERN = new RegExp(`^${SLUG_PATTERN_SOURCE}$`);
export const SLUG_RULE = "3-63 lower-case letters, digits and hyphens, starting with a letter or digit";

/** Longest display names, in characters (one printable line each). */
export const NAME_MAX = {
  monitor: 200,
  channel: 100,
  organisation: 100,
  token: 100,
  agent: 100,
  maintenanceReason: 500,
  statusPageTitle: 120,
} as const;

/** A status page's description: public text, one printable paragraph. */
export const STATUS_PAGE_DESCRIPTION_MAX = 1000;

/** The longest monitor target (a SIP domain or URI). */
export const TARGET_MAX = 2048;

interface Bound {
  min: number;
  max: number;
  default: number;
  description: string;
}

/** A monitor's thresholds: when a run is slow or failing, when an alert opens and resolves. */
export const THRESHOLDS = {
  failuresToOpen: { min: 1, max: 20, default: 2, description: "Failing runs in a row before an alert opens" },
  successesToResolve: { min: 1, max: 20, default: 2, description: "Passing runs in a row before it resolves" },
  slowMs: { min: 50, max: 30_000, default: 1000, description: "A SIP round trip above this is slow" },
  certExpiryDays: { min: 1, max: 90, default: 14, description: "Warn this many days before a certificate expires" },
} as const satisfies Record<string, Bound>;

/** A monitor's alert policy settings (core/alerting reads them as AlertPolicy). */
export const ALERT_POLICY_SETTINGS = {
  quorum: { min: 1, max: 9, default: 2, description: "Regions that must fail in one round, e.g. 2 of 3" },
  reminderIntervalMinutes: {
    min: 0,
    max: 10_080,
    default: 240,
    description: "Repeat an open incident this often; 0 sends no reminders",
  },
  flapMaxChanges: {
    min: 1,
    max: 50,
    default: 4,
    description: "More opens and resolves than this within the flap window is flapping",
  },
  flapWindowMinutes: { min: 5, max: 1440, default: 60, description: "The flap window" },
} as const satisfies Record<string, Bound>;

type Defaults<T extends Record<string, Bound>> = { [K in keyof T]: number };
const defaultsOf = <T extends Record<string, Bound>>(bounds: T): Defaults<T> =>
  Object.fromEntries(Object.entries(bounds).map(([k, b]) => [k, b.default])) as Defaults<T>;

export const DEFAULT_THRESHOLDS = defaultsOf(THRESHOLDS);
export const DEFAULT_ALERT_POLICY_SETTINGS = defaultsOf(ALERT_POLICY_SETTINGS);
