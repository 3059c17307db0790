import { type AlertPolicy, alertPolicyOf, DEFAULT_ALERT_POLICY } from "@sipwatch/core";
import type { MaintenanceWindowRow, MonitorAlertPolicy, MonitorThresholds } from "@sipwatch/db";

const MINUTE_MS = 60_000;

/** What a monitor gets when it never set its own alert policy (the row's null). */
export const DEFAULT_MONITOR_ALERT_POLICY: MonitorAlertPolicy = {
  quorum: DEFAULT_ALERT_POLICY.quorum,
  reminderIntervalMinutes: DEFAULT_ALERT_POLICY.reminderIntervalMs / MINUTE_MS,
  flapMaxChanges: DEFAULT_ALERT_POLICY.flap.maxChanges,
  flapWindowMinutes: DEFAULT_ALERT_POLICY.flap.windowMs / MINUTE_MS,
};

export interface MonitorPolicySource {
  thresholds: Pick<MonitorThresholds, "failuresToOpen" | "successesToResolve">;
  alertPolicy?: MonitorAlertPolicy | null;
}

/**
 * The policy core/alerting applies to one monitor: its thresholds, its stored settings over the
 * defaults, and its maintenance windows that have not ended.
 */
export function monitorAlertPolicy(
  monitor: MonitorPolicySource,
  windows: readonly Pick<MaintenanceWindowRow, "startsAt" | "endsAt">[] = [],
): AlertPolicy {
  const settings = { ...DEFAULT_MONITOR_ALERT_POLICY, ...monitor.alertPolicy };
  return alertPolicyOf(monitor.thresholds, {
    quorum: settings.quorum,
    reminderIntervalMs: settings.reminderIntervalMinutes * MINUTE_MS,
    flap: { maxChanges: settings.flapMaxChanges, windowMs: settings.flapWindowMinutes * MINUTE_MS },
    maintenance: windows.map((w) => ({ startMs: w.startsAt, endMs: w.endsAt })),
  });
}
