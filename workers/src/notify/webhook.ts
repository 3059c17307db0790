import { toHex } from "@sipwatch/core";
import { headline, plainText } from "./alert-message";
import { outboundPolicy } from "./outbound-url";
import { postJson } from "./post-json";
import type { AlertMessage, Notifier } from "./types";

/** The JSON a webhook receives; documented in README ("Webhook alerts"). */
export function webhookBody(message: AlertMessage) {
  return {
    type: message.action.kind,
    idempotencyKey: message.idempotencyKey,
    title: headline(message),
    text: plainText(message),
    monitor: { ...message.monitor, url: message.link },
    action: message.action,
  };
}

/**
 * `sha256=` + hex HMAC-SHA256 over `${timestamp}.${body}` with the channel's secret: binding
 * the timestamp lets a receiver refuse replays of an old, validly signed message.
 */
export async function webhookSignature(secret: string, timestamp: string, body: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`${timestamp}.${body}`));
  return `sha256=${toHex(new Uint8Array(mac))}`;
}

export const notifyWebhook: Notifier<"webhook"> = async (channel, message, context) => {
  const body = JSON.stringify(webhookBody(message));
  const timestamp = String(Math.floor(Date.now() / 1000));
  return postJson({ url: channel.url, kind: "webhook", policy: outboundPolicy(context.config) }, body, {
    "idempotency-key": message.idempotencyKey,
    "x-sipwatch-timestamp": timestamp,
    "x-sipwatch-signature": await webhookSignature(channel.secret, timestamp, body),
  });
};
