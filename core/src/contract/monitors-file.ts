import { z } from "zod";
import {
  ALERT_POLICY_SETTINGS,
  INTERVALS_MINUTES,
  MONITOR_TRANSPORTS,
  NAME_MAX,
  SLUG_PATTERN,
  SLUG_RULE,
  TARGET_MAX,
  THRESHOLDS,
} from "../catalogue/monitor-rules";
import { ONCALL_REGIONS } from "../catalogue/oncall-endpoints";
import { REGION_IDS } from "../catalogue/regions";

/**
 * Monitors as code: the file `sipwatch export` writes and `sipwatch apply` reads (YAML or JSON).
 * Its JSON Schema (for editors, through a `yaml-language-server: $schema=` comment) is generated
 * from this schema, served at /api/v1/monitors-file.schema.json and committed as
 * core/schemas/monitors-file.schema.json.
 *
 * Monitors and channels are matched with the server's by name, so names are unique in a file.
 * A field left out is left as the server has it (a new monitor gets the server's default); a
 * monitor's `maintenance` list, when present, is the whole list of its windows that have not ended.
 */

const name = (max: number) => z.string().trim().min(1).max(max);
type Bound = { min: number; max: number; default: number; description: string };
const bounded = (b: Bound) =>
  z.number().int().min(b.min).max(b.max).describe(`${b.description} (${b.min}-${b.max}, default ${b.default})`);
const noRepeats = <T>(items: T[]) => new Set(items).size === items.length;

export const MaintenanceEntrySchema = z
  .object({
    startsAt: z.iso.datetime({ offset: true }).describe("ISO 8601, e.g. 2026-11-28T22:00:00Z"),
    endsAt: z.iso.datetime({ offset: true }),
    reason: name(NAME_MAX.maintenanceReason),
    announce: z
      .boolean()
      .optional()
      .describe("Show the window and its reason on the public status pages that show the monitor"),
  })
  .strict();

export const MonitorEntrySchema = z
  .object({
    name: name(NAME_MAX.monitor).describe("Identifies the monitor: apply matches the server's monitors by name"),
    target: z.string().trim().min(1).max(TARGET_MAX).describe("A SIP domain or URI, e.g. sips:example.com"),
    expectedTransports: z
      .array(z.enum(MONITOR_TRANSPORTS))
      .min(1)
      .refine(noRepeats, "lists a transport twice")
      .optional(),
    regions: z.array(z.enum(REGION_IDS)).min(1).refine(noRepeats, "lists a region twice").optional(),
    intervalMinutes: z.literal(INTERVALS_MINUTES).optional().describe("Minutes between audits"),
    enabled: z.boolean().optional(),
    isPublic: z.boolean().optional().describe("A public status page and badge (needs a slug)"),
    slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).nullable().optional(),
    thresholds: z
      .object({
        failuresToOpen: bounded(THRESHOLDS.failuresToOpen),
        successesToResolve: bounded(THRESHOLDS.successesToResolve),
        slowMs: bounded(THRESHOLDS.slowMs),
        certExpiryDays: bounded(THRESHOLDS.certExpiryDays),
      })
      .partial()
      .strict()
      .optional(),
    alertPolicy: z
      .object({
        quorum: bounded(ALERT_POLICY_SETTINGS.quorum),
        reminderIntervalMinutes: bounded(ALERT_POLICY_SETTINGS.reminderIntervalMinutes),
        flapMaxChanges: bounded(ALERT_POLICY_SETTINGS.flapMaxChanges),
        flapWindowMinutes: bounded(ALERT_POLICY_SETTINGS.flapWindowMinutes),
      })
      .partial()
      .strict()
      .optional(),
    maintenance: z.array(MaintenanceEntrySchema).max(100).optional(),
  })
  .strict();

const ENV_REF = "$" + "{VAR}";
const channelCommon = { name: name(NAME_MAX.channel), enabled: z.boolean().optional() };
/**
 * Secrets (Slack, Teams and Discord hooks, a webhook's signing key, PagerDuty's routing key,
 * Opsgenie's API key) may be written as ${ENV_VAR}; apply reads the variable.
 */
const secret = (description: string) => z.string().min(1).max(2048).describe(description);

export const ChannelEntrySchema = z.discriminatedUnion("type", [
  z
    .object({
      ...channelCommon,
      type: z.literal("slack"),
      webhookUrl: secret(`The incoming-webhook URL, or ${ENV_REF}`),
    })
    .strict(),
  z.object({ ...channelCommon, type: z.literal("email"), to: z.array(z.email()).min(1).max(20) }).strict(),
  z
    .object({
      ...channelCommon,
      type: z.literal("webhook"),
      url: z.url(),
      secret: secret(`HMAC-SHA256 signing key (16-200 characters), or ${ENV_REF}`).optional(),
    })
    .strict(),
  z
    .object({
      ...channelCommon,
      type: z.literal("pagerduty"),
      routingKey: secret(`The Events API v2 integration (routing) key, or ${ENV_REF}`),
      region: z.enum(ONCALL_REGIONS).optional().describe("The account's service region; default us"),
      url: z.url().optional().describe("Overrides the region's Events API endpoint"),
    })
    .strict(),
  z
    .object({
      ...channelCommon,
      type: z.literal("opsgenie"),
      apiKey: secret(`An API integration's key, or ${ENV_REF}`),
      region: z.enum(ONCALL_REGIONS).optional().describe("The account's instance; default us"),
      url: z.url().optional().describe("Overrides the region's API base URL"),
    })
    .strict(),
  z
    .object({
      ...channelCommon,
      type: z.literal("teams"),
      webhookUrl: secret(`A Teams workflow's webhook URL, or ${ENV_REF}`),
    })
    .strict(),
  z
    .object({
      ...channelCommon,
      type: z.literal("discord"),
      webhookUrl: secret(`The Discord webhook URL, or ${ENV_REF}`),
    })
    .strict(),
]);

export const MONITORS_FILE_VERSION = 1;

const uniqueNames = (what: string) => (items: Array<{ name: string }>, ctx: z.RefinementCtx) => {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    const first = seen.get(item.name);
    if (first !== undefined) {
      ctx.addIssue({ code: "custom", path: [i, "name"], message: `${what} "${item.name}" is also item ${first}` });
    } else seen.set(item.name, i);
  });
};

export const MonitorsFileSchema = z
  .object({
    version: z.literal(MONITORS_FILE_VERSION),
    channels: z.array(ChannelEntrySchema).max(100).superRefine(uniqueNames("channel")).optional(),
    monitors: z.array(MonitorEntrySchema).max(10_000).superRefine(uniqueNames("monitor")),
  })
  .strict()
  .meta({ title: "sipwatch monitors file", description: "Monitors as code: sipwatch export / sipwatch apply" });

export type MonitorsFile = z.infer<typeof MonitorsFileSchema>;
export type MonitorEntry = z.infer<typeof MonitorEntrySchema>;
export type ChannelEntry = z.infer<typeof ChannelEntrySchema>;
export type MaintenanceEntry = z.infer<typeof MaintenanceEntrySchema>;

/** The file's JSON Schema (draft 2020-12), for editors and the API. */
export const monitorsFileJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(MonitorsFileSchema, { target: "draft-2020-12", io: "input" });
