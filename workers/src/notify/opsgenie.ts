import type { AlertAction } from "@sipwatch/core";
import { circumstances, findingLine, findingsOf, headline } from "./alert-message";
import { incidentKey } from "./incident-key";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, Notifier } from "./types";

// Opsgenie's limits on alert fields (https://docs.opsgenie.com/docs/alert-api, "Create Alert").
const MESSAGE_MAX = 130;
const DESCRIPTION_MAX = 15_000;
const NOTE_MAX = 25_000;

const PRIORITY: Partial<Record<AlertAction["kind"], "P1" | "P3" | "P5">> = {
  opened: "P1",
  "cert-expiring": "P3",
  test: "P5",
};

/**
 * The Alert API request for a notice: create (alias = the incident key), acknowledge or close
 * by alias. Reminders and flapping notices are not sent: Opsgenie's own escalations repeat.
 */
export function opsgenieRequest(baseUrl: string, message: AlertMessage) {
  const { action } = message;
  const alias = incidentKey(action);
  const base = baseUrl.replace(/\/$/, "");
  const byAlias = `${base}/v2/alerts/${encodeURIComponent(alias)}`;
  const note = `${headline(message)}. ${circumstances(action)}`.slice(0, NOTE_MAX);
  switch (action.kind) {
    case "opened":
    case "cert-expiring":
    case "test": {
      const findings = findingsOf(action).map((f) => `- ${findingLine(f)}`);
      const description = [circumstances(action), ...findings, "", `Open the monitor: ${message.link}`].join("\n");
      return {
        url: `${base}/v2/alerts`,
        body: {
          message: headline(message).slice(0, MESSAGE_MAX),
          alias,
          description: description.slice(0, DESCRIPTION_MAX),
          entity: message.monitor.target,
          source: "sipwatch",
          tags: ["sipwatch", action.kind],
          details: { monitor: message.monitor.name, link: message.link },
          priority: PRIORITY[action.kind] ?? "P1",
        },
      };
    }
    case "acknowledged":
      return {
        url: `${byAlias}/acknowledge?identifierType=alias`,
        body: { source: "sipwatch", user: action.by, note },
      };
    case "resolved":
      return { url: `${byAlias}/close?identifierType=alias`, body: { source: "sipwatch", note } };
    case "reminder":
    case "flapping":
      return null;
  }
}

/** `Authorization: GenieKey <key>`: an API integration's key, kept in the channel like a secret. */
export const notifyOpsgenie: Notifier<"opsgenie"> = async (channel, message, context) => {
  const request = opsgenieRequest(channel.url, message);
  if (request === null) return { ok: true };
  return postJson(
    { url: request.url, kind: "opsgenie", policy: outboundPolicy(context.config) },
    JSON.stringify(request.body),
    { authorization: `GenieKey ${channel.apiKey}` },
  );
};
