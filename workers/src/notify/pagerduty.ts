import type { AlertAction } from "@sipwatch/core";
import { circumstances, findingsOf, headline, vantageName } from "./alert-message";
import { incidentKey } from "./incident-key";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, Notifier } from "./types";

/** PagerDuty's cap on `payload.summary` (Events API v2, "Send an event"). */
const SUMMARY_MAX = 1024;

type EventAction = "trigger" | "acknowledge" | "resolve";

/**
 * What PagerDuty is asked to do for each notice. A reminder is not sent: PagerDuty escalates and
 * re-notifies on its own, and a second trigger with the same dedup_key would only be folded in.
 * A flapping notice is not an incident of its own either.
 */
function eventActionOf(action: AlertAction): EventAction | null {
  switch (action.kind) {
    case "opened":
    case "cert-expiring":
    case "test":
      return "trigger";
    case "acknowledged":
      return "acknowledge";
    case "resolved":
      return "resolve";
    case "reminder":
    case "flapping":
      return null;
  }
}

const SEVERITY: Partial<Record<AlertAction["kind"], "critical" | "warning" | "info">> = {
  opened: "critical",
  "cert-expiring": "warning",
  test: "info",
};

/**
 * An Events API v2 event (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/):
 * acknowledge and resolve need only the routing key, the action and the dedup_key.
 */
export function pagerDutyEvent(routingKey: string, message: AlertMessage) {
  const eventAction = eventActionOf(message.action);
  if (eventAction === null) return null;
  const base = { routing_key: routingKey, event_action: eventAction, dedup_key: incidentKey(message.action) };
  if (eventAction !== "trigger") return base;
  const findings = findingsOf(message.action);
  return {
    ...base,
    payload: {
      summary: headline(message).slice(0, SUMMARY_MAX),
      source: message.monitor.target,
      severity: SEVERITY[message.action.kind] ?? "critical",
      timestamp: new Date(message.action.at).toISOString(),
      component: message.monitor.name,
      class: message.action.kind,
      custom_details: {
        circumstances: circumstances(message.action),
        findings: findings.map((f) => ({
          title: f.title,
          fix: f.fix,
          seenFrom: f.vantageIds.map(vantageName),
        })),
      },
    },
    links: [{ href: message.link, text: "Open the monitor in sipwatch" }],
    client: "sipwatch",
    client_url: message.link,
  };
}

export const notifyPagerDuty: Notifier<"pagerduty"> = async (channel, message, context) => {
  const event = pagerDutyEvent(channel.routingKey, message);
  if (event === null) return { ok: true };
  return postJson(
    { url: channel.url, kind: "pagerduty", policy: outboundPolicy(context.config) },
    JSON.stringify(event),
  );
};
