import { createRoute, type z } from "@hono/zod-openapi";
import {
  type ChannelConfig,
  type ChannelRow,
  channelsOfOrganisation,
  deleteChannel,
  deliveriesOfChannel,
  findChannel,
  insertChannel,
  updateChannel,
} from "@sipwatch/db";
import type { Context } from "hono";
import type { Config } from "../../env";
import { newId, randomBase64url } from "../../ids";
import { notify } from "../../notify/index";
import { checkOutboundUrl, type OutboundUrlKind, outboundPolicy } from "../../notify/outbound-url";
import type { AppEnv } from "../context";
import { ProblemError, problemResponses, validationProblem } from "../problem";
import { createRouter, IdParams, jsonBody, jsonResponse } from "../router";
import {
  ChannelListSchema,
  ChannelSchema,
  ChannelTestSchema,
  CreateChannelSchema,
  CreatedChannelSchema,
  DeliveryListSchema,
  SERVICE_ENDPOINTS,
  toChannel,
  UpdateChannelSchema,
} from "./channel-schemas";

type ConfigInput = z.infer<typeof CreateChannelSchema>["config"];

/** The caller's channel, or a 404 exactly like a missing one (another organisation's included). */
async function findOwnedChannel(c: Context<AppEnv>, id: string): Promise<ChannelRow> {
  const channel = await findChannel(c.var.services.db, c.var.caller.organisationId, id);
  if (!channel) throw new ProblemError("not_found", `No channel ${id}`);
  return channel;
}

/**
 * Alerts are POSTed from the Worker to these URLs, so they pass the one outbound check
 * (notify/outbound-url.ts) here, at create and update, and again at every send. Secrets
 * (webhook signing key, PagerDuty routing key, Opsgenie API key) are kept when an update leaves
 * them out, so a form that never shows them can still change the rest.
 */
async function checkedConfig(
  input: ConfigInput,
  config: Config,
  previous?: ChannelConfig,
): Promise<{ config: ChannelConfig; secret?: string }> {
  const policy = outboundPolicy(config);
  const check = async (url: string, kind: OutboundUrlKind, field: string) => {
    const checked = await checkOutboundUrl(url, kind, policy);
    if (!checked.ok) throw validationProblem([{ field, message: checked.reason }]);
  };
  switch (input.type) {
    case "email":
      return { config: input };
    case "slack":
    case "teams":
    case "discord":
      await check(input.webhookUrl, input.type, "config.webhookUrl");
      return { config: input };
    case "webhook": {
      await check(input.url, "webhook", "config.url");
      const kept = previous?.type === "webhook" ? previous.secret : undefined;
      const secret = input.secret ?? kept ?? `whsec_${randomBase64url(24)}`;
      return { config: { type: "webhook", url: input.url, secret }, ...(secret !== kept ? { secret } : {}) };
    }
    case "pagerduty": {
      const routingKey = input.routingKey ?? (previous?.type === "pagerduty" ? previous.routingKey : undefined);
      if (!routingKey) throw validationProblem([{ field: "config.routingKey", message: "is required" }]);
      const url = input.url ?? SERVICE_ENDPOINTS.pagerduty[input.region];
      await check(url, "pagerduty", "config.url");
      return { config: { type: "pagerduty", routingKey, url } };
    }
    case "opsgenie": {
      const apiKey = input.apiKey ?? (previous?.type === "opsgenie" ? previous.apiKey : undefined);
      if (!apiKey) throw validationProblem([{ field: "config.apiKey", message: "is required" }]);
      const url = (input.url ?? SERVICE_ENDPOINTS.opsgenie[input.region]).replace(/\/$/, "");
      // The base is checked as the alerts endpoint every request goes to.
      await check(`${url}/v2/alerts`, "opsgenie", "config.url");
      return { config: { type: "opsgenie", apiKey, url } };
    }
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const channelRoutes = createRouter()
  .openapi(
    createRoute({
      method: "get",
      path: "/channels",
      tags: ["channels"],
      summary: "Where the organisation's alerts go",
      responses: { 200: jsonResponse(ChannelListSchema, "The channels"), ...problemResponses(401) },
    }),
    async (c) => {
      const rows = await channelsOfOrganisation(c.var.services.db, c.var.caller.organisationId);
      return c.json({ channels: rows.map(toChannel) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/channels",
      tags: ["channels"],
      summary: "Send alerts to Slack, email, a signed webhook, PagerDuty, Opsgenie, Microsoft Teams or Discord",
      request: { body: jsonBody(CreateChannelSchema) },
      responses: { 201: jsonResponse(CreatedChannelSchema, "Created"), ...problemResponses(400, 401) },
    }),
    async (c) => {
      const input = c.req.valid("json");
      const { services, caller } = c.var;
      const { config, secret } = await checkedConfig(input.config, services.config);
      const row = await insertChannel(services.db, {
        id: newId("chn"),
        organisationId: caller.organisationId,
        type: config.type,
        name: input.name,
        config,
        enabled: input.enabled ?? true,
        createdAt: Date.now(),
      });
      return c.json({ ...toChannel(row), ...(secret ? { signingSecret: secret } : {}) }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channels/{id}",
      tags: ["channels"],
      summary: "One channel",
      request: { params: IdParams },
      responses: { 200: jsonResponse(ChannelSchema, "The channel"), ...problemResponses(401, 404) },
    }),
    async (c) => c.json(toChannel(await findOwnedChannel(c, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "patch",
      path: "/channels/{id}",
      tags: ["channels"],
      summary: "Rename, pause or re-point a channel",
      request: { params: IdParams, body: jsonBody(UpdateChannelSchema) },
      responses: { 200: jsonResponse(CreatedChannelSchema, "The updated channel"), ...problemResponses(400, 401, 404) },
    }),
    async (c) => {
      const current = await findOwnedChannel(c, c.req.valid("param").id);
      const { config: configInput, ...changes } = c.req.valid("json");
      const checked = configInput ? await checkedConfig(configInput, c.var.services.config, current.config) : undefined;
      const row = await updateChannel(c.var.services.db, current, {
        ...changes,
        ...(checked ? { config: checked.config, type: checked.config.type } : {}),
      });
      return c.json({ ...toChannel(row), ...(checked?.secret ? { signingSecret: checked.secret } : {}) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "delete",
      path: "/channels/{id}",
      tags: ["channels"],
      summary: "Stop sending alerts to a channel",
      request: { params: IdParams },
      responses: { 204: { description: "Deleted" }, ...problemResponses(401, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid("param");
      if (!(await deleteChannel(c.var.services.db, c.var.caller.organisationId, id))) {
        throw new ProblemError("not_found", `No channel ${id}`);
      }
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/channels/{id}/test",
      tags: ["channels"],
      summary: "Send a test notification now (not through the outbox) and say whether it arrived",
      request: { params: IdParams },
      responses: { 200: jsonResponse(ChannelTestSchema, "The attempt's result"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const channel = await findOwnedChannel(c, c.req.valid("param").id);
      const { services } = c.var;
      const now = Date.now();
      const outcome = await notify(
        channel.config,
        {
          monitor: { id: channel.id, name: channel.name, target: `${channel.type} channel` },
          action: { kind: "test", monitorId: channel.id, key: `test:${now}`, at: now },
          link: services.config.publicUrl,
          idempotencyKey: `${channel.id}/test/${now}`,
        },
        { env: services.env, config: services.config },
      );
      return c.json({ delivered: outcome.ok, error: outcome.ok ? null : outcome.error }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/channels/{id}/deliveries",
      tags: ["channels"],
      summary: "The channel's latest alerts and whether each was delivered",
      request: { params: IdParams },
      responses: { 200: jsonResponse(DeliveryListSchema, "Newest first, at most 50"), ...problemResponses(401, 404) },
    }),
    async (c) => {
      const channel = await findOwnedChannel(c, c.req.valid("param").id);
      const rows = await deliveriesOfChannel(c.var.services.db, channel.id);
      const deliveries = rows.map((r) => ({
        id: r.id,
        monitorId: r.monitorId,
        kind: r.kind.kind,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        createdAt: new Date(r.createdAt).toISOString(),
        deliveredAt: iso(r.deliveredAt),
        nextAttemptAt: r.status === "pending" ? iso(r.nextAttemptAt) : null,
      }));
      return c.json({ deliveries }, 200);
    },
  );
