import { describe, expect, test } from "vitest";
import type { Schemas } from "../api/client";
import { type ChannelDraft, channelBody, channelTarget, EMPTY_DRAFT, splitRecipients } from "./channel-targets";

describe("channelTarget", () => {
  test.each<{ config: Schemas["Channel"]["config"]; shown: string }>([
    { config: { type: "slack", webhookHost: "hooks.slack.com" }, shown: "Incoming webhook on hooks.slack.com" },
    {
      config: { type: "email", to: ["noc@example.com", "ops@example.com"] },
      shown: "noc@example.com, ops@example.com",
    },
    { config: { type: "webhook", url: "https://hooks.example.com/sip" }, shown: "https://hooks.example.com/sip" },
    {
      config: { type: "pagerduty", url: "https://events.eu.pagerduty.com/v2/enqueue" },
      shown: "Events API at events.eu.pagerduty.com",
    },
    { config: { type: "opsgenie", url: "https://api.opsgenie.com" }, shown: "Alert API at api.opsgenie.com" },
    { config: { type: "discord", webhookHost: "discord.com" }, shown: "Webhook on discord.com" },
  ])("$config.type reads as $shown", ({ config, shown }) => {
    expect(channelTarget(config)).toBe(shown);
  });
});

describe("splitRecipients", () => {
  test.each([
    { text: "noc@example.com", to: ["noc@example.com"] },
    { text: " noc@example.com, ops@example.com ,", to: ["noc@example.com", "ops@example.com"] },
    { text: "a@example.com; b@example.com\nc@example.com", to: ["a@example.com", "b@example.com", "c@example.com"] },
    { text: "  , ", to: [] },
  ])("$text", ({ text, to }) => {
    expect(splitRecipients(text)).toEqual(to);
  });
});

describe("channelBody", () => {
  const draft = (changes: Partial<ChannelDraft>): ChannelDraft => ({ ...EMPTY_DRAFT, name: " NOC ", ...changes });
  test.each([
    {
      draft: draft({ type: "slack", webhookUrl: " https://hooks.slack.com/services/T0/B0/x ", url: "ignored" }),
      body: { name: "NOC", config: { type: "slack", webhookUrl: "https://hooks.slack.com/services/T0/B0/x" } },
    },
    {
      draft: draft({ type: "pagerduty", key: " R0UT1NGKEY ", region: "eu", webhookUrl: "ignored" }),
      body: { name: "NOC", config: { type: "pagerduty", routingKey: "R0UT1NGKEY", region: "eu" } },
    },
    {
      draft: draft({ type: "teams", webhookUrl: " https://x.logic.azure.com/workflows/1 " }),
      body: { name: "NOC", config: { type: "teams", webhookUrl: "https://x.logic.azure.com/workflows/1" } },
    },
    {
      draft: draft({ type: "email", recipients: "noc@example.com, ops@example.com" }),
      body: { name: "NOC", config: { type: "email", to: ["noc@example.com", "ops@example.com"] } },
    },
    {
      draft: draft({ type: "webhook", url: "https://hooks.example.com/sip", secret: "  " }),
      body: { name: "NOC", config: { type: "webhook", url: "https://hooks.example.com/sip" } },
    },
    {
      draft: draft({ type: "webhook", url: "https://hooks.example.com/sip", secret: "0123456789abcdef" }),
      body: {
        name: "NOC",
        config: { type: "webhook", url: "https://hooks.example.com/sip", secret: "0123456789abcdef" },
      },
    },
  ])("$draft.type sends only its own inputs", ({ draft, body }) => {
    expect(channelBody(draft)).toEqual(body);
  });
});
