import type { AlertAction } from "@sipwatch/core";
import { circumstances, findingsOf, headline, vantageName } from "./alert-message";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, Notifier } from "./types";

// Discord's embed limits (discord.com/developers/docs/resources/message#embed-object-embed-limits):
// title 256, description 4096, 25 fields of name 256 and value 1024, 6000 characters in all.
const TITLE_MAX = 256;
const DESCRIPTION_MAX = 1000;
const FIELD_NAME_MAX = 256;
const FIELD_VALUE_MAX = 500;
const MAX_FIELDS = 8;

const COLOUR: Record<AlertAction["kind"], number> = {
  opened: 0xd13438,
  reminder: 0xd13438,
  acknowledged: 0x2f6fde,
  resolved: 0x2e8540,
  flapping: 0xe8a317,
  "cert-expiring": 0xe8a317,
  test: 0x6e6e6e,
};

/**
 * An Execute Webhook body with one embed (discord.com/developers/docs/resources/webhook#execute-webhook).
 * `allowed_mentions: { parse: [] }` keeps a monitor named "@everyone" from pinging a server.
 */
export function discordMessage(message: AlertMessage) {
  const findings = findingsOf(message.action);
  return {
    username: "sipwatch",
    allowed_mentions: { parse: [] as string[] },
    embeds: [
      {
        title: headline(message).slice(0, TITLE_MAX),
        description: `${message.monitor.target}: ${circumstances(message.action)}`.slice(0, DESCRIPTION_MAX),
        url: message.link,
        color: COLOUR[message.action.kind],
        timestamp: new Date(message.action.at).toISOString(),
        fields: findings.slice(0, MAX_FIELDS).map((f) => ({
          name: f.title.slice(0, FIELD_NAME_MAX),
          value: `Fix: ${f.fix} (seen from ${f.vantageIds.map(vantageName).join(", ")})`.slice(0, FIELD_VALUE_MAX),
          inline: false,
        })),
      },
    ],
  };
}

export const notifyDiscord: Notifier<"discord"> = (channel, message, context) =>
  postJson(
    { url: channel.webhookUrl, kind: "discord", policy: outboundPolicy(context.config) },
    JSON.stringify(discordMessage(message)),
  );
