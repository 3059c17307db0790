import type { ChannelConfig, ChannelType } from "@sipwatch/db";
import { notifyDiscord } from "./discord";
import { notifyEmail } from "./email";
import { notifyOpsgenie } from "./opsgenie";
import { notifyPagerDuty } from "./pagerduty";
import { notifySlack } from "./slack";
import { notifyTeams } from "./teams";
import type { AlertMessage, DeliveryOutcome, Notifier, NotifyContext } from "./types";
import { notifyWebhook } from "./webhook";

export type { AlertMessage, DeliveryOutcome, NotifyContext } from "./types";

/** Every channel type's notifier, in one place (the only switch over channel types). */
export const notifiers: { [T in ChannelType]: Notifier<T> } = {
  slack: notifySlack,
  email: notifyEmail,
  webhook: notifyWebhook,
  pagerduty: notifyPagerDuty,
  opsgenie: notifyOpsgenie,
  teams: notifyTeams,
  discord: notifyDiscord,
};

/** Delivers one message to one channel with the notifier its type names. */
export function notify(
  channel: ChannelConfig,
  message: AlertMessage,
  context: NotifyContext,
): Promise<DeliveryOutcome> {
  const notifier = notifiers[channel.type] as Notifier<ChannelType>;
  return notifier(channel as never, message, context);
}
