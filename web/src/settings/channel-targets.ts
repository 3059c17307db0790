import type { Schemas } from "../api/client";

export type ChannelType = Schemas["Channel"]["type"];

export const CHANNEL_TYPE_LABEL: Record<ChannelType, string> = {
  slack: "Slack",
  email: "Email",
  webhook: "Signed webhook",
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
  }
}

/** What the add-channel form holds: one set of inputs per type, only the chosen type's are sent. */
export interface ChannelDraft {
  type: ChannelType;
  name: string;
  webhookUrl: string;
  recipients: string;
  url: string;
  secret: string;
}

export const EMPTY_DRAFT: ChannelDraft = {
  type: "slack",
  name: "",
  webhookUrl: "",
  recipients: "",
  url: "",
  secret: "",
};

/** The API field each input edits, so a server error lands next to the right input. */
export const CHANNEL_INPUTS: Record<ChannelType, string[]> = {
  slack: ["name", "config.webhookUrl"],
  email: ["name", "config.to"],
  webhook: ["name", "config.url", "config.secret"],
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
  }
}
