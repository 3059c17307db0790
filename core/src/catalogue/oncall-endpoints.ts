/**
 * The endpoints of the on-call services sipwatch posts to. PagerDuty and Opsgenie each keep a US
 * and an EU service region, and an account lives in one of them (PagerDuty "Events API v2
 * Overview"; Opsgenie "Alert API": "If using the EU instance of Opsgenie, the URL needs to be
 * https://api.eu.opsgenie.com").
 */
export const ONCALL_REGIONS = ["us", "eu"] as const;
export type OncallRegion = (typeof ONCALL_REGIONS)[number];

export const ONCALL_ENDPOINTS = {
  pagerduty: { us: "https://events.pagerduty.com/v2/enqueue", eu: "https://events.eu.pagerduty.com/v2/enqueue" },
  opsgenie: { us: "https://api.opsgenie.com", eu: "https://api.eu.opsgenie.com" },
} as const satisfies Record<string, Record<OncallRegion, string>>;
