/**
 * The request schemas of the on-call services, written from their documentation, for the lab's
 * alert receiver (alert-receiver.ts): a notifier whose body breaks them is answered 400, as the
 * service would answer it, and the test sees why. Runs in Node.
 */
import { z } from "zod";

/**
 * PagerDuty Events API v2, "Send an event" (developer.pagerduty.com/docs/events-api-v2/trigger-events,
 * github.com/PagerDuty/developer-docs docs/events-API-v2/02-Trigger-Events.md): routing_key and
 * event_action always; dedup_key at most 255 characters, required to acknowledge or resolve;
 * a trigger needs payload.summary (1024), source and severity (critical, error, warning, info).
 */
const PagerDutyEvent = z
  .object({
    routing_key: z.string().length(32),
    event_action: z.enum(["trigger", "acknowledge", "resolve"]),
    dedup_key: z.string().min(1).max(255).optional(),
    payload: z
      .object({
        summary: z.string().min(1).max(1024),
        source: z.string().min(1),
        severity: z.enum(["critical", "error", "warning", "info"]),
        timestamp: z.iso.datetime({ offset: true }).optional(),
        component: z.string().optional(),
        group: z.string().optional(),
        class: z.string().optional(),
        custom_details: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    images: z.array(z.object({ src: z.string(), href: z.string().optional(), alt: z.string().optional() })).optional(),
    links: z.array(z.object({ href: z.url(), text: z.string().optional() })).optional(),
    client: z.string().optional(),
    client_url: z.url().optional(),
  })
  .strict()
  .superRefine((event, context) => {
    if (event.event_action === "trigger" && !event.payload)
      context.addIssue({ code: "custom", message: "a trigger needs payload" });
    if (event.event_action !== "trigger" && !event.dedup_key)
      context.addIssue({ code: "custom", message: `${event.event_action} needs dedup_key` });
  });

/**
 * Opsgenie Alert API (docs.opsgenie.com/docs/alert-api): "Create Alert" POST /v2/alerts with
 * message (130) required, alias (512), description (15000), tags (20 of 50), entity (512),
 * source (100), priority P1-P5; "Acknowledge" and "Close" POST /v2/alerts/{identifier}/acknowledge
 * and /close with identifierType=alias, body user (100), source (100), note (25000). All with
 * `Authorization: GenieKey <apiKey>`.
 */
const OpsgenieCreate = z
  .object({
    message: z.string().min(1).max(130),
    alias: z.string().max(512).optional(),
    description: z.string().max(15_000).optional(),
    responders: z.array(z.record(z.string(), z.string())).optional(),
    visibleTo: z.array(z.record(z.string(), z.string())).optional(),
    actions: z.array(z.string()).max(10).optional(),
    tags: z.array(z.string().max(50)).max(20).optional(),
    details: z.record(z.string(), z.string()).optional(),
    entity: z.string().max(512).optional(),
    source: z.string().max(100).optional(),
    priority: z.enum(["P1", "P2", "P3", "P4", "P5"]).optional(),
    user: z.string().max(100).optional(),
    note: z.string().max(25_000).optional(),
  })
  .strict();
const OpsgenieAction = z
  .object({
    user: z.string().max(100).optional(),
    source: z.string().max(100).optional(),
    note: z.string().max(25_000).optional(),
  })
  .strict();

/**
 * A Teams workflow's "When a Teams webhook request is received" trigger (learn.microsoft.com,
 * "Create incoming webhooks with Workflows for Microsoft Teams"): a message whose attachments
 * are Adaptive Cards (adaptivecards.io/explorer/AdaptiveCard.html: type, version, body of
 * elements each with a type; Action.OpenUrl needs url).
 */
const AdaptiveElement = z.object({ type: z.string().min(1) }).passthrough();
const TeamsMessage = z
  .object({
    type: z.literal("message"),
    attachments: z
      .array(
        z.object({
          contentType: z.literal("application/vnd.microsoft.card.adaptive"),
          contentUrl: z.string().nullable().optional(),
          content: z.object({
            $schema: z.string().optional(),
            type: z.literal("AdaptiveCard"),
            version: z.string().regex(/^1\.\d$/),
            body: z.array(
              AdaptiveElement.refine(
                (e) => e.type !== "TextBlock" || typeof e.text === "string",
                "TextBlock needs text",
              ),
            ),
            actions: z
              .array(
                z.discriminatedUnion("type", [
                  z.object({ type: z.literal("Action.OpenUrl"), title: z.string().optional(), url: z.url() }),
                  z.object({ type: z.literal("Action.Submit"), title: z.string().optional() }),
                ]),
              )
              .optional(),
          }),
        }),
      )
      .min(1),
  })
  .strict();

/**
 * Discord "Execute Webhook" (discord.com/developers/docs/resources/webhook#execute-webhook) with
 * the embed limits of discord.com/developers/docs/resources/message#embed-object-embed-limits:
 * at most 10 embeds; title 256, description 4096, 25 fields of name 256 and value 1024, 6000
 * characters in all; one of content, embeds (or files) is required.
 */
const DiscordEmbed = z
  .object({
    title: z.string().max(256).optional(),
    description: z.string().max(4096).optional(),
    url: z.url().optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    timestamp: z.iso.datetime({ offset: true }).optional(),
    fields: z
      .array(
        z.object({
          name: z.string().min(1).max(256),
          value: z.string().min(1).max(1024),
          inline: z.boolean().optional(),
        }),
      )
      .max(25)
      .optional(),
  })
  .strict();
const DiscordMessage = z
  .object({
    content: z.string().max(2000).optional(),
    username: z.string().min(1).max(80).optional(),
    avatar_url: z.url().optional(),
    allowed_mentions: z.object({ parse: z.array(z.enum(["roles", "users", "everyone"])) }).optional(),
    embeds: z.array(DiscordEmbed).max(10).optional(),
  })
  .strict()
  .refine((m) => m.content !== undefined || (m.embeds?.length ?? 0) > 0, "needs content or embeds")
  .refine((m) => embedCharacters(m.embeds ?? []) <= 6000, "embeds exceed 6000 characters in all");

function embedCharacters(embeds: z.infer<typeof DiscordEmbed>[]): number {
  return embeds.reduce(
    (sum, e) =>
      sum +
      (e.title?.length ?? 0) +
      (e.description?.length ?? 0) +
      (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0),
    0,
  );
}

const issues = (result: { success: boolean; error?: z.ZodError }) =>
  result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`);

/**
 * Why a request to the receiver path `name` (named after a service: "pagerduty-…") breaks that
 * service's schema; [] when it fits; null when the path is not an on-call service's.
 */
export function onCallSchemaErrors(
  name: string,
  path: string,
  query: URLSearchParams,
  authorization: string | null,
  body: string,
): string[] | null {
  const service = name.split("-")[0];
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return service && ["pagerduty", "opsgenie", "teams", "discord"].includes(service) ? ["body is not JSON"] : null;
  }
  switch (service) {
    case "pagerduty":
      return path === "/v2/enqueue" ? issues(PagerDutyEvent.safeParse(json)) : [`unknown path ${path}`];
    case "opsgenie": {
      const auth = /^GenieKey \S+$/.test(authorization ?? "") ? [] : ["Authorization must be GenieKey <apiKey>"];
      if (path === "/v2/alerts") return [...auth, ...issues(OpsgenieCreate.safeParse(json))];
      if (/^\/v2\/alerts\/[^/]+\/(acknowledge|close)$/.test(path)) {
        const type = query.get("identifierType") === "alias" ? [] : ["identifierType must be alias"];
        return [...auth, ...type, ...issues(OpsgenieAction.safeParse(json))];
      }
      return [`unknown path ${path}`];
    }
    case "teams":
      return issues(TeamsMessage.safeParse(json));
    case "discord":
      return issues(DiscordMessage.safeParse(json));
    default:
      return null;
  }
}
