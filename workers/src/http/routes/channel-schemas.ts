import { z } from "@hono/zod-openapi";
import { NAME_MAX, ONCALL_ENDPOINTS, ONCALL_REGIONS } from "@sipwatch/core";
import type { ChannelConfig, ChannelRow } from "@sipwatch/db";
import { changesSomething } from "../router";
import { displayName } from "../text-fields";

const ServiceRegion = z
  .enum(ONCALL_REGIONS)
  .default("us")
  .openapi({ description: "The service region of the account" });

/** Keys are printable ASCII without spaces (PagerDuty's are 32 characters, Opsgenie's a UUID). */
const secretKey = (description: string) =>
  z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/, "must be 8 to 200 printable characters without spaces")
    .optional()
    .openapi({ description });

const ChannelConfigInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("slack"),
    webhookUrl: z.url().openapi({ example: "https://hooks.slack.com/services/T0/B0/x" }),
  }),
  z.object({ type: z.literal("email"), to: z.array(z.email()).min(1).max(20) }),
  z.object({
    type: z.literal("webhook"),
    url: z.url(),
    secret: z
      .string()
      .min(16)
      .max(200)
      .optional()
      .openapi({ description: "HMAC-SHA256 signing key; generated (and returned once) when absent" }),
  }),
  z.object({
    type: z.literal("pagerduty"),
    routingKey: secretKey("The Events API v2 integration (routing) key; required at create, kept when absent"),
    region: ServiceRegion,
    url: z.url().optional().openapi({ description: "Overrides the region's Events API endpoint" }),
  }),
  z.object({
    type: z.literal("opsgenie"),
    apiKey: secretKey("An API integration's key (sent as GenieKey); required at create, kept when absent"),
    region: ServiceRegion,
    url: z.url().optional().openapi({ description: "Overrides the region's API base URL" }),
  }),
  z.object({
    type: z.literal("teams"),
    webhookUrl: z.url().openapi({ description: "The URL of a Teams workflow's webhook trigger" }),
  }),
  z.object({
    type: z.literal("discord"),
    webhookUrl: z.url().openapi({ example: "https://discord.com/api/webhooks/123/abc" }),
  }),
]);

/** PagerDuty and Opsgenie keep a US and an EU service; an account lives in one of them. */
export const SERVICE_ENDPOINTS = ONCALL_ENDPOINTS;

export const CreateChannelSchema = z
  .object({
    name: displayName(NAME_MAX.channel),
    enabled: z.boolean().optional(),
    config: ChannelConfigInput,
  })
  .openapi("CreateChannel");

export const UpdateChannelSchema = changesSomething(
  z.object({ name: displayName(NAME_MAX.channel), enabled: z.boolean(), config: ChannelConfigInput }).partial(),
).openapi("UpdateChannel");

/**
 * Secrets stay in the database: Slack, Teams and Discord hooks (whose URLs are the secret) show
 * only their host, a webhook never its key, PagerDuty and Opsgenie their endpoint, never their key.
 */
const ChannelConfigOutput = z.union([
  z.object({ type: z.literal("slack"), webhookHost: z.string() }),
  z.object({ type: z.literal("email"), to: z.array(z.string()) }),
  z.object({ type: z.literal("webhook"), url: z.string() }),
  z.object({ type: z.literal("pagerduty"), url: z.string() }),
  z.object({ type: z.literal("opsgenie"), url: z.string() }),
  z.object({ type: z.literal("teams"), webhookHost: z.string() }),
  z.object({ type: z.literal("discord"), webhookHost: z.string() }),
]);

export const ChannelSchema = z
  .object({
    id: z.string().openapi({ example: "chn_Xb0n4w2dQ1m6c9VZ7yLk3A" }),
    type: z.enum(["slack", "email", "webhook", "pagerduty", "opsgenie", "teams", "discord"]),
    name: z.string(),
    enabled: z.boolean(),
    config: ChannelConfigOutput,
    createdAt: z.iso.datetime(),
  })
  .openapi("Channel");

export const CreatedChannelSchema = ChannelSchema.extend({
  signingSecret: z.string().optional().openapi({ description: "Webhooks only: the signing key, shown only here" }),
}).openapi("CreatedChannel");

export const ChannelListSchema = z.object({ channels: z.array(ChannelSchema) }).openapi("ChannelList");

export const ChannelTestSchema = z
  .object({ delivered: z.boolean(), error: z.string().nullable() })
  .openapi("ChannelTest");

export const DeliveryListSchema = z
  .object({
    deliveries: z.array(
      z.object({
        id: z.number().int(),
        monitorId: z.string(),
        kind: z.string().openapi({ example: "opened" }),
        status: z.enum(["pending", "delivered", "failed", "skipped"]),
        attempts: z.number().int(),
        lastError: z.string().nullable(),
        createdAt: z.iso.datetime(),
        deliveredAt: z.iso.datetime().nullable(),
        nextAttemptAt: z.iso.datetime().nullable(),
      }),
    ),
  })
  .openapi("DeliveryList");

function publicConfig(config: ChannelConfig): z.infer<typeof ChannelConfigOutput> {
  switch (config.type) {
    case "slack":
      return { type: "slack", webhookHost: new URL(config.webhookUrl).host };
    case "email":
      return { type: "email", to: config.to };
    case "webhook":
      return { type: "webhook", url: config.url };
    case "pagerduty":
    case "opsgenie":
      return { type: config.type, url: config.url };
    case "teams":
    case "discord":
      return { type: config.type, webhookHost: new URL(config.webhookUrl).host };
  }
}

export const toChannel = (row: ChannelRow) => ({
  id: row.id,
  type: row.type,
  name: row.name,
  enabled: row.enabled,
  config: publicConfig(row.config),
  createdAt: new Date(row.createdAt).toISOString(),
});
