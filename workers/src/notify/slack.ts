import { circumstances, findingLine, findingsOf, headline } from "./alert-message";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, Notifier } from "./types";

// Slack caps a message at 50 blocks; beyond this many findings the rest are counted, not listed.
const MAX_FINDINGS = 10;

const EMOJI: Record<AlertMessage["action"]["kind"], string> = {
  opened: ":red_circle:",
  reminder: ":red_circle:",
  resolved: ":large_green_circle:",
  acknowledged: ":eyes:",
  flapping: ":warning:",
  "cert-expiring": ":lock:",
  test: ":wave:",
};

/** A Block Kit message: what broke, where and since when, the fixes, and a button to the monitor. */
export function slackMessage(message: AlertMessage) {
  const title = headline(message);
  const findings = findingsOf(message.action);
  const listed = findings.slice(0, MAX_FINDINGS).map((f) => `• ${findingLine(f)}`);
  if (findings.length > MAX_FINDINGS) listed.push(`…and ${findings.length - MAX_FINDINGS} more`);
  return {
    // Notifications and screen readers show `text`; the blocks are the message itself. Both
    // are mrkdwn, so both are escaped: a monitor named "<!channel>" must not ping everyone.
    text: escapeMrkdwn(title),
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `${EMOJI[message.action.kind]} *${escapeMrkdwn(title)}*` } },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `${escapeMrkdwn(message.monitor.target)} · ${escapeMrkdwn(circumstances(message.action))}`,
          },
        ],
      },
      ...(listed.length > 0
        ? [{ type: "section", text: { type: "mrkdwn", text: escapeMrkdwn(listed.join("\n")) } }]
        : []),
      {
        type: "actions",
        elements: [{ type: "button", text: { type: "plain_text", text: "Open the monitor" }, url: message.link }],
      },
    ],
  };
}

/** Slack's mrkdwn treats &, < and > as markup (https://api.slack.com/reference/surfaces/formatting). */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export const notifySlack: Notifier<"slack"> = (channel, message, context) =>
  postJson(
    { url: channel.webhookUrl, kind: "slack", policy: outboundPolicy(context.config) },
    JSON.stringify(slackMessage(message)),
  );
