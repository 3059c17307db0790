import type { AlertAction } from "@sipwatch/core";
import type { ChannelConfig, ChannelType } from "@sipwatch/db";
import type { Config, Env } from "../env";

/** One notification as every channel renders it. */
export interface AlertMessage {
  monitor: { id: string; name: string; target: string };
  action: AlertAction;
  /** The monitor's page in the dashboard (config.publicUrl). */
  link: string;
  /** Stable across retries: receivers drop a message they already have. */
  idempotencyKey: string;
}

/** A delivery attempt's result; an unreachable channel is an expected failure, not an exception. */
export type DeliveryOutcome =
  /** `messageId`: what the transport calls the message, when it says (the send_email binding does). */
  { ok: true; messageId?: string } | { ok: false; error: string; retryable: boolean };

export interface NotifyContext {
  env: Env;
  config: Config;
}

export type Notifier<T extends ChannelType> = (
  channel: Extract<ChannelConfig, { type: T }>,
  message: AlertMessage,
  context: NotifyContext,
) => Promise<DeliveryOutcome>;
