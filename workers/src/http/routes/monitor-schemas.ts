import { z } from "@hono/zod-openapi";
import { parseSipTarget, responseHandlingOf } from "@sipwatch/core";
import type { MonitorRow } from "@sipwatch/db";
import { DEFAULT_MONITOR_ALERT_POLICY } from "../../alerts/monitor-policy";
import { changesSomething } from "../router";
import { displayName, hasUnprintable } from "../text-fields";

export const TRANSPORTS = ["udp", "tcp", "tls", "wss"] as const;
export const REGIONS = ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"] as const;
/** The scheduler's phase arithmetic (minute m runs when (m + phase) % interval == 0) assumes these divide an hour. */
export const INTERVALS = [1, 5, 10, 15, 30, 60] as const;
export const DEFAULT_TRANSPORTS: Array<(typeof TRANSPORTS)[number]> = ["udp", "tcp", "tls"];
export const DEFAULT_INTERVAL = 5;
const SLUG = /^[a-z0-9][a-z0-9-]{2,62}$/;

const noRepeats = <T>(items: T[]) => new Set(items).size === items.length;

const TargetSchema = z
  .string()
  .trim()
  .min(1)
  .max(2048)
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

const threshold = (min: number, max: number) => z.number().int().min(min).max(max);
const ThresholdFields = {
  failuresToOpen: threshold(1, 20).openapi({ description: "Failing runs in a row before an alert opens" }),
  successesToResolve: threshold(1, 20).openapi({ description: "Passing runs in a row before it resolves" }),
  slowMs: threshold(50, 30_000).openapi({ description: "A SIP round trip above this is slow" }),
  certExpiryDays: threshold(1, 90).openapi({ description: "Warn this many days before a certificate expires" }),
};
export const DEFAULT_THRESHOLDS = { failuresToOpen: 2, successesToResolve: 2, slowMs: 1000, certExpiryDays: 14 };

/** Stored per monitor; the alert policy (core/alerting) reads them every round. */
const AlertPolicyFields = {
  quorum: threshold(1, 9).openapi({ description: "Regions that must fail in one round, e.g. 2 of 3 (default 2)" }),
  reminderIntervalMinutes: threshold(0, 10_080).openapi({
    description: "Repeat an open incident this often; 0 sends no reminders (default 240)",
  }),
  flapMaxChanges: threshold(1, 50).openapi({
    description: "More opens and resolves than this within the flap window is flapping (default 4)",
  }),
  flapWindowMinutes: threshold(5, 1440).openapi({ description: "The flap window (default 60)" }),
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
  name: displayName(200),
  target: TargetSchema,
  expectedTransports: z.array(z.enum(TRANSPORTS)).min(1).refine(noRepeats, "lists a transport twice"),
  regions: z.array(z.enum(REGIONS)).min(1).refine(noRepeats, "lists a region twice"),
  intervalMinutes: IntervalSchema,
  isPublic: z.boolean(),
  slug: z.string().regex(SLUG, "must match ^[a-z0-9][a-z0-9-]{2,62}$").nullable(),
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
