import { z } from "@hono/zod-openapi";
import { NAME_MAX } from "@sipwatch/core";
import type { ChannelConfig, ChannelRow } from "@sipwatch/db";
import { changesSomething } from "../router";
import { displayName } from "../text-fields";

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
]);

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

/** Secrets stay in the database: a Slack hook shows only its host, a webhook never its key. */
const ChannelConfigOutput = z.union([
  z.object({ type: z.literal("slack"), webhookHost: z.string() }),
  z.object({ type: z.literal("email"), to: z.array(z.string()) }),
  z.object({ type: z.literal("webhook"), url: z.string() }),
]);

export const ChannelSchema = z
  .object({
    id: z.string().openapi({ example: "chn_Xb0n4w2dQ1m6c9VZ7yLk3A" }),
    type: z.enum(["slack", "email", "webhook"]),
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
        status: z.enum(["pending", "delivered", "failed"]),
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
