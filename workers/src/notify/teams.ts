import type { AlertAction } from "@sipwatch/core";
import { circumstances, findingLine, findingsOf, headline } from "./alert-message";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, Notifier } from "./types";

// A card is capped at 28 KB by Teams; past this many findings the rest are counted, not listed.
const MAX_FINDINGS = 10;

const STYLE: Record<AlertAction["kind"], "attention" | "good" | "warning" | "accent" | "default"> = {
  opened: "attention",
  reminder: "attention",
  acknowledged: "accent",
  resolved: "good",
  flapping: "warning",
  "cert-expiring": "warning",
  test: "default",
};

/**
 * The body a Teams workflow's "When a Teams webhook request is received" trigger takes: a
 * message with one Adaptive Card attachment (learn.microsoft.com, "Create incoming webhooks
 * with Workflows for Microsoft Teams"; card schema at adaptivecards.io, version 1.4). Text
 * blocks are plain text with a subset of Markdown, so nothing here is HTML.
 */
export function teamsMessage(message: AlertMessage) {
  const findings = findingsOf(message.action);
  const listed = findings.slice(0, MAX_FINDINGS).map((f) => `- ${findingLine(f)}`);
  if (findings.length > MAX_FINDINGS) listed.push(`- …and ${findings.length - MAX_FINDINGS} more`);
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          body: [
            {
              type: "TextBlock",
              text: headline(message),
              weight: "Bolder",
              size: "Medium",
              wrap: true,
              color: STYLE[message.action.kind] === "attention" ? "Attention" : "Default",
            },
            { type: "TextBlock", text: `${message.monitor.target}: ${circumstances(message.action)}`, wrap: true },
            ...(listed.length > 0 ? [{ type: "TextBlock", text: listed.join("\n"), wrap: true }] : []),
          ],
          actions: [{ type: "Action.OpenUrl", title: "Open the monitor", url: message.link }],
        },
      },
    ],
  };
}

export const notifyTeams: Notifier<"teams"> = (channel, message, context) =>
  postJson(
    { url: channel.webhookUrl, kind: "teams", policy: outboundPolicy(context.config) },
    JSON.stringify(teamsMessage(message)),
  );
