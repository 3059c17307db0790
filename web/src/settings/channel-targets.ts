import type { Schemas } from "../api/client";

export type ChannelType = Schemas["Channel"]["type"];

export const CHANNEL_TYPE_LABEL: Record<ChannelType, string> = {
  slack: "Slack",
  email: "Email",
  webhook: "Signed webhook",
  pagerduty: "PagerDuty",
  opsgenie: "Opsgenie",
  teams: "Microsoft Teams",
  discord: "Discord",
};

/** Where a channel's alerts go, in words. The API never returns secrets: Slack shows only its host. */
export function channelTarget(config: Schemas["Channel"]["config"]): string {
  switch (config.type) {
    case "slack":
      return `Incoming webhook on ${config.webhookHost}`;
    case "email":
      return config.to.join(", ");
    case "webhook":
      return config.url;
    case "pagerduty":
      return `Events API at ${new URL(config.url).host}`;
    case "opsgenie":
      return `Alert API at ${new URL(config.url).host}`;
    case "teams":
      return `Workflow webhook on ${config.webhookHost}`;
    case "discord":
      return `Webhook on ${config.webhookHost}`;
  }
}

/** The on-call services keep a US and an EU region; an account lives in one. */
export type ServiceRegion = "us" | "eu";

/** What the add-channel form holds: one set of inputs per type, only the chosen type's are sent. */
export interface ChannelDraft {
  type: ChannelType;
  name: string;
  webhookUrl: string;
  recipients: string;
  url: string;
  secret: string;
  /** PagerDuty's routing key or Opsgenie's API key: sent once, never shown again. */
  key: string;
  region: ServiceRegion;
}

export const EMPTY_DRAFT: ChannelDraft = {
  type: "slack",
  name: "",
  webhookUrl: "",
  recipients: "",
  url: "",
  secret: "",
  key: "",
  region: "us",
};

/** The API field each input edits, so a server error lands next to the right input. */
export const CHANNEL_INPUTS: Record<ChannelType, string[]> = {
  slack: ["name", "config.webhookUrl"],
  email: ["name", "config.to"],
  webhook: ["name", "config.url", "config.secret"],
  pagerduty: ["name", "config.routingKey", "config.url"],
  opsgenie: ["name", "config.apiKey", "config.url"],
  teams: ["name", "config.webhookUrl"],
  discord: ["name", "config.webhookUrl"],
};

/** People paste lists from address books: commas, semicolons, spaces and new lines all separate. */
export const splitRecipients = (text: string) => text.split(/[\s,;]+/).filter((address) => address !== "");

/** The POST /api/v1/channels body for a draft; a blank secret is left out so the server generates one. */
export function channelBody(draft: ChannelDraft): Schemas["CreateChannel"] {
  const name = draft.name.trim();
  switch (draft.type) {
    case "slack":
      return { name, config: { type: "slack", webhookUrl: draft.webhookUrl.trim() } };
    case "email":
      return { name, config: { type: "email", to: splitRecipients(draft.recipients) } };
    case "webhook": {
      const secret = draft.secret.trim();
      return { name, config: { type: "webhook", url: draft.url.trim(), ...(secret ? { secret } : {}) } };
    }
    case "pagerduty":
      return { name, config: { type: "pagerduty", routingKey: draft.key.trim(), region: draft.region } };
    case "opsgenie":
      return { name, config: { type: "opsgenie", apiKey: draft.key.trim(), region: draft.region } };
    case "teams":
    case "discord":
      return { name, config: { type: draft.type, webhookUrl: draft.webhookUrl.trim() } };
  }
}
