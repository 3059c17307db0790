import type { AlertAction } from "@sipwatch/core";

/**
 * The key an on-call service groups an incident's events under (PagerDuty dedup_key, Opsgenie
 * alias): built from the incident id, so trigger, acknowledge and resolve of one incident land
 * on one alert. Notices that belong to no incident (a certificate reminder, a test) get a key of
 * their own. Incidents opened before incidents were stored fall back to monitor and opening time.
 */
export function incidentKey(action: AlertAction): string {
  if (action.incidentId) return `sipwatch-${action.incidentId}`;
  if ("since" in action) return `sipwatch-${action.monitorId}-${action.since}`;
  return `sipwatch-${action.monitorId}-${action.key}`;
}
