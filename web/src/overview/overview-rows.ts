import { daysLeftSeverity } from "@sipwatch/core";
import type { Schemas } from "../api/client";
import type { Health } from "../ui/status";

export type OverviewMonitor = Schemas["OverviewMonitor"];
export type SortKey = "health" | "name" | "cert" | "checked";
export interface OverviewFilter {
  text: string;
  health: Health | "all" | "attention";
  sort: SortKey;
}

// Worst first: the overview is read from the top by someone looking for trouble.
const HEALTH_ORDER: Record<Health, number> = { down: 0, degraded: 1, pending: 2, healthy: 3, paused: 4 };
const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 } as const;

const compare: Record<SortKey, (a: OverviewMonitor, b: OverviewMonitor) => number> = {
  health: (a, b) =>
    HEALTH_ORDER[a.health] - HEALTH_ORDER[b.health] ||
    (a.worstFinding ? SEVERITY_ORDER[a.worstFinding.severity] : 3) -
      (b.worstFinding ? SEVERITY_ORDER[b.worstFinding.severity] : 3) ||
    a.name.localeCompare(b.name),
  name: (a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  // Soonest expiry first; monitors without a certificate last.
  cert: (a, b) => (a.certDaysLeft ?? Number.POSITIVE_INFINITY) - (b.certDaysLeft ?? Number.POSITIVE_INFINITY),
  // Stalest first: a monitor that stopped being checked is news.
  checked: (a, b) => (a.lastCheckedAt ?? 0) - (b.lastCheckedAt ?? 0),
};

/** The rows the overview shows for a filter: matching name, target or finding, in the chosen order. */
export function visibleMonitors(monitors: readonly OverviewMonitor[], filter: OverviewFilter): OverviewMonitor[] {
  const needle = filter.text.trim().toLowerCase();
  return monitors
    .filter((m) => {
      if (filter.health === "attention" && m.health !== "down" && m.health !== "degraded") return false;
      if (filter.health !== "all" && filter.health !== "attention" && m.health !== filter.health) return false;
      if (!needle) return true;
      return (
        m.name.toLowerCase().includes(needle) ||
        m.target.toLowerCase().includes(needle) ||
        (m.worstFinding?.title.toLowerCase().includes(needle) ?? false)
      );
    })
    .sort(compare[filter.sort]);
}

/** "3 down, 12 degraded, 85 healthy": the line above the list. */
export function healthCounts(monitors: readonly OverviewMonitor[]): Record<Health, number> {
  const counts: Record<Health, number> = { down: 0, degraded: 0, pending: 0, healthy: 0, paused: 0 };
  for (const m of monitors) counts[m.health]++;
  return counts;
}

export type CertTone = "ok" | "warn" | "bad" | "idle";

/** Certificate days left as words, toned by core's tls.cert.expiring thresholds (daysLeftSeverity). */
export function certDays(days: number | null): { text: string; tone: CertTone } {
  if (days === null) return { text: "no TLS", tone: "idle" };
  const severity = daysLeftSeverity(days);
  if (severity === "expired") return { text: `expired ${-days} d ago`, tone: "bad" };
  if (severity === "critical" || severity === "warning") return { text: `${days} days`, tone: "warn" };
  return { text: `${days} days`, tone: "ok" };
}
