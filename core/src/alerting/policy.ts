import { type AlertPolicy, DEFAULT_ALERT_POLICY } from "./types";

/** The part of a monitor's thresholds the alert policy reads. */
export interface MonitorThresholdsLike {
  failuresToOpen: number;
  successesToResolve: number;
}

/** A monitor's policy: its own thresholds over the defaults (quorum, reminders, flapping). */
export function alertPolicyOf(
  thresholds: MonitorThresholdsLike,
  overrides: Partial<Omit<AlertPolicy, "failuresToOpen" | "successesToResolve">> = {},
): AlertPolicy {
  return {
    ...DEFAULT_ALERT_POLICY,
    ...overrides,
    failuresToOpen: Math.max(1, thresholds.failuresToOpen),
    successesToResolve: Math.max(1, thresholds.successesToResolve),
  };
}
