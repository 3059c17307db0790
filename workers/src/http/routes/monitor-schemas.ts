import { z } from "@hono/zod-openapi";
import {
  ALERT_POLICY_SETTINGS,
  DEFAULT_INTERVAL_MINUTES,
  DEFAULT_MONITOR_TRANSPORTS,
  INTERVALS_MINUTES,
  MONITOR_TRANSPORTS,
  NAME_MAX,
  parseSipTarget,
  REGION_IDS,
  responseHandlingOf,
  SLUG_PATTERN,
  SLUG_RULE,
  TARGET_MAX,
  THRESHOLDS,
} from "@sipwatch/core";
import type { MonitorRow } from "@sipwatch/db";
import { DEFAULT_MONITOR_ALERT_POLICY } from "../../alerts/monitor-policy";
import { changesSomething } from "../router";
import { displayName, hasUnprintable } from "../text-fields";

// The choices, rules and bounds are core's catalogue (core/src/catalogue/monitor-rules.ts).
export const TRANSPORTS = MONITOR_TRANSPORTS;
export const REGIONS = REGION_IDS;
export const INTERVALS = INTERVALS_MINUTES;
export const DEFAULT_TRANSPORTS: Array<(typeof TRANSPORTS)[number]> = [...DEFAULT_MONITOR_TRANSPORTS];
export const DEFAULT_INTERVAL = DEFAULT_INTERVAL_MINUTES;

const noRepeats = <T>(items: T[]) => new Set(items).size === items.length;

const TargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(TARGET_MAX)
  .superRefine((value, ctx) => {
    if (hasUnprintable(value)) {
      ctx.addIssue({ code: "custom", message: "must not contain control characters or line breaks" });
      return;
    }
    const parsed = parseSipTarget(value);
    if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.error });
  })
  .openapi({ description: "A SIP domain or URI", example: "sips:example.com" });

const IntervalSchema = z
  .number()
  .int()
  .refine((n) => (INTERVALS as readonly number[]).includes(n), { message: `must be one of ${INTERVALS.join(", ")}` })
  .openapi({ enum: [...INTERVALS], description: "Minutes between audits" });

type Bound = { min: number; max: number; default: number; description: string };
const bounded = (b: Bound) =>
  z
    .number()
    .int()
    .min(b.min)
    .max(b.max)
    .openapi({ description: `${b.description} (default ${b.default})` });
const ThresholdFields = {
  failuresToOpen: bounded(THRESHOLDS.failuresToOpen),
  successesToResolve: bounded(THRESHOLDS.successesToResolve),
  slowMs: bounded(THRESHOLDS.slowMs),
  certExpiryDays: bounded(THRESHOLDS.certExpiryDays),
};

export { DEFAULT_THRESHOLDS } from "@sipwatch/core";

/** Stored per monitor; the alert policy (core/alerting) reads them every round. */
const AlertPolicyFields = {
  quorum: bounded(ALERT_POLICY_SETTINGS.quorum),
  reminderIntervalMinutes: bounded(ALERT_POLICY_SETTINGS.reminderIntervalMinutes),
  flapMaxChanges: bounded(ALERT_POLICY_SETTINGS.flapMaxChanges),
  flapWindowMinutes: bounded(ALERT_POLICY_SETTINGS.flapWindowMinutes),
};

const sipStatuses = z.array(z.number().int().min(300).max(699)).max(40).refine(noRepeats, "lists a status twice");
const MethodHandlingSchema = z.object({
  upStatuses: sipStatuses.openapi({
    description: "Final statuses that count as up, e.g. [401, 407] for a server that challenges every OPTIONS",
  }),
  maintenanceStatuses: sipStatuses.openapi({
    description: "Statuses that mean planned maintenance (info, not a warning), e.g. [503]",
  }),
});
const ResponseHandlingSchema = z
  .object({ options: MethodHandlingSchema, register: MethodHandlingSchema })
  .openapi("ResponseHandling", { description: "How OPTIONS and REGISTER answers are read; by default only 2xx is up" });
const ResponseHandlingInput = z
  .object({ options: MethodHandlingSchema.partial(), register: MethodHandlingSchema.partial() })
  .partial()
  .refine(
    (h) =>
      [h.options, h.register].every(
        (m) =>
          !m?.upStatuses || !m.maintenanceStatuses || m.upStatuses.every((s) => !m.maintenanceStatuses?.includes(s)),
      ),
    "a status cannot be both up and maintenance",
  );

const fields = {
  name: displayName(NAME_MAX.monitor),
  target: TargetSchema,
  expectedTransports: z.array(z.enum(TRANSPORTS)).min(1).refine(noRepeats, "lists a transport twice"),
  regions: z.array(z.enum(REGIONS)).min(1).refine(noRepeats, "lists a region twice"),
  intervalMinutes: IntervalSchema,
  isPublic: z.boolean(),
  slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).nullable(),
  enabled: z.boolean(),
};

export const CreateMonitorSchema = z
  .object({
    name: fields.name,
    target: fields.target,
    expectedTransports: fields.expectedTransports.optional().openapi({ description: "Default udp, tcp, tls" }),
    regions: fields.regions.optional().openapi({ description: "Default: the deployment's default regions" }),
    intervalMinutes: fields.intervalMinutes.optional().openapi({ description: "Default 5" }),
    thresholds: z.object(ThresholdFields).partial().optional(),
    alertPolicy: z.object(AlertPolicyFields).partial().optional(),
    responseHandling: ResponseHandlingInput.optional(),
    isPublic: fields.isPublic.optional(),
    slug: fields.slug.optional().openapi({ description: "Required when public; unique across sipwatch" }),
    enabled: fields.enabled.optional(),
  })
  .openapi("CreateMonitor");

export const UpdateMonitorSchema = changesSomething(
  z
    .object({
      name: fields.name,
      target: fields.target,
      expectedTransports: fields.expectedTransports,
      regions: fields.regions,
      intervalMinutes: fields.intervalMinutes,
      thresholds: z.object(ThresholdFields).partial().openapi({ description: "Merged into the current thresholds" }),
      alertPolicy: z
        .object(AlertPolicyFields)
        .partial()
        .openapi({ description: "Merged into the current alert policy" }),
      responseHandling: ResponseHandlingInput.openapi({ description: "Each method's lists replace the current ones" }),
      isPublic: fields.isPublic,
      slug: fields.slug,
      enabled: fields.enabled,
    })
    .partial(),
).openapi("UpdateMonitor");

export const MonitorSchema = z
  .object({
    id: z.string().openapi({ example: "mon_0bXQ2d6Vn1uJm3kq9wLh4A" }),
    name: z.string(),
    target: z.string(),
    expectedTransports: z.array(z.enum(TRANSPORTS)),
    regions: z.array(z.string()),
    intervalMinutes: z.number().int(),
    phaseMinute: z.number().int().openapi({ description: "Runs in minutes m where (m + phaseMinute) % interval == 0" }),
    thresholds: z.object(ThresholdFields),
    alertPolicy: z.object(AlertPolicyFields).openapi({ description: "In force, defaults filled in" }),
    responseHandling: ResponseHandlingSchema,
    isPublic: z.boolean(),
    slug: z.string().nullable(),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .openapi("Monitor");

export const MonitorListQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(100)
    .openapi({ param: { name: "limit", in: "query" } }),
  cursor: z
    .string()
    .min(1)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" } }),
});

export const MonitorPageSchema = z
  .object({
    monitors: z.array(MonitorSchema),
    nextCursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last" }),
  })
  .openapi("MonitorPage");

export function toMonitor(row: MonitorRow): z.infer<typeof MonitorSchema> {
  return {
    id: row.id,
    name: row.name,
    target: row.target,
    expectedTransports: row.expectedTransports,
    regions: row.regions,
    intervalMinutes: row.intervalMinutes,
    phaseMinute: row.phaseMinute,
    thresholds: row.thresholds,
    alertPolicy: { ...DEFAULT_MONITOR_ALERT_POLICY, ...row.alertPolicy },
    responseHandling: responseHandlingOf(row.responseHandling),
    isPublic: row.isPublic,
    slug: row.slug,
    enabled: row.enabled,
    createdAt: new Date(row.createdAt).toISOString(),
    updatedAt: new Date(row.updatedAt).toISOString(),
  };
}
