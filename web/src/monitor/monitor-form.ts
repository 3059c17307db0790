import {
  ALERT_POLICY_SETTINGS,
  REGION_LABELS as CATALOGUE_REGION_LABELS,
  DEFAULT_INTERVAL_MINUTES,
  DEFAULT_MONITOR_TRANSPORTS,
  DEFAULT_THRESHOLDS,
  INTERVALS_MINUTES,
  MONITOR_TRANSPORTS,
  SLUG_PATTERN,
} from "@sipwatch/core";
import type { FieldError, Schemas } from "../api/client";
import { type HandlingText, handlingBody, handlingTextOf, NO_HANDLING } from "./response-handling";

/** Durable Object location hints (Cloudflare's names) and their labels: core's catalogue. */
export const REGION_LABELS: Readonly<Record<string, string>> = CATALOGUE_REGION_LABELS;
export const TRANSPORT_CHOICES = MONITOR_TRANSPORTS;
export const INTERVAL_CHOICES = INTERVALS_MINUTES;
const SLUG = SLUG_PATTERN;

export interface FormValues extends HandlingText {
  name: string;
  target: string;
  expectedTransports: string[];
  /** Empty: the deployment's default regions. */
  regions: string[];
  intervalMinutes: number;
  isPublic: boolean;
  slug: string;
  enabled: boolean;
  failuresToOpen: number;
  successesToResolve: number;
  slowMs: number;
  certExpiryDays: number;
  quorum: number;
  reminderIntervalMinutes: number;
  flapMaxChanges: number;
  flapWindowMinutes: number;
}

export const NEW_MONITOR: FormValues = {
  name: "",
  target: "",
  expectedTransports: [...DEFAULT_MONITOR_TRANSPORTS],
  regions: [],
  intervalMinutes: DEFAULT_INTERVAL_MINUTES,
  isPublic: false,
  slug: "",
  enabled: true,
  ...DEFAULT_THRESHOLDS,
  quorum: ALERT_POLICY_SETTINGS.quorum.default,
  reminderIntervalMinutes: ALERT_POLICY_SETTINGS.reminderIntervalMinutes.default,
  flapMaxChanges: ALERT_POLICY_SETTINGS.flapMaxChanges.default,
  flapWindowMinutes: ALERT_POLICY_SETTINGS.flapWindowMinutes.default,
  ...NO_HANDLING,
};

type NumberKey = {
  [K in keyof FormValues]: FormValues[K] extends number ? (K extends "intervalMinutes" ? never : K) : never;
}[keyof FormValues];

/** The alerting settings, with the bounds the API enforces (monitor-schemas.ts). */
export const NUMBER_FIELDS: ReadonlyArray<{ key: NumberKey; label: string; min: number; max: number; help?: string }> =
  [
    { key: "failuresToOpen", label: "Failing runs before alerting", min: 1, max: 20 },
    { key: "successesToResolve", label: "Passing runs before recovery", min: 1, max: 20 },
    {
      key: "quorum",
      label: "Regions that must fail together",
      min: 1,
      max: 9,
      help: "2 of 3 regions keeps one region's network trouble from paging you.",
    },
    { key: "reminderIntervalMinutes", label: "Remind every (minutes, 0 = never)", min: 0, max: 10_080 },
    { key: "flapMaxChanges", label: "Flapping after this many changes…", min: 1, max: 50 },
    { key: "flapWindowMinutes", label: "…within (minutes)", min: 5, max: 1440 },
    { key: "slowMs", label: "Slow above (ms)", min: 50, max: 30_000 },
    { key: "certExpiryDays", label: "Warn days before a certificate expires", min: 1, max: 90 },
  ];

export function valuesOf(monitor: Schemas["Monitor"]): FormValues {
  return {
    name: monitor.name,
    target: monitor.target,
    expectedTransports: [...monitor.expectedTransports],
    regions: [...monitor.regions],
    intervalMinutes: monitor.intervalMinutes,
    isPublic: monitor.isPublic,
    slug: monitor.slug ?? "",
    enabled: monitor.enabled,
    ...monitor.thresholds,
    ...monitor.alertPolicy,
    ...handlingTextOf(monitor.responseHandling),
  };
}

/**
 * What the browser can tell before asking the server: required fields and the slug's shape.
 * The server validates everything again (the target with core's SIP URI parser) and its
 * per-field errors are shown the same way.
 */
export function checkValues(values: FormValues): FieldError[] {
  const errors: FieldError[] = [];
  if (!values.name.trim()) errors.push({ field: "name", message: "Give the monitor a name" });
  if (!values.target.trim())
    errors.push({ field: "target", message: "Enter a SIP domain or URI, e.g. sips:example.com" });
  if (values.expectedTransports.length === 0) {
    errors.push({ field: "expectedTransports", message: "Pick at least one transport phones should use" });
  }
  const handling = handlingBody(values);
  if ("errors" in handling) errors.push(...handling.errors);
  if (values.isPublic && !SLUG.test(values.slug)) {
    errors.push({
      field: "slug",
      message: "A public monitor needs a slug: 3 to 63 lower-case letters, digits and dashes",
    });
  }
  return errors;
}

export function requestBody(values: FormValues): Schemas["CreateMonitor"] {
  const handling = handlingBody(values);
  return {
    name: values.name.trim(),
    target: values.target.trim(),
    expectedTransports: values.expectedTransports as Schemas["CreateMonitor"]["expectedTransports"],
    ...(values.regions.length > 0 ? { regions: values.regions as Schemas["CreateMonitor"]["regions"] } : {}),
    intervalMinutes: values.intervalMinutes as Schemas["CreateMonitor"]["intervalMinutes"],
    isPublic: values.isPublic,
    slug: values.slug.trim() ? values.slug.trim() : null,
    enabled: values.enabled,
    thresholds: {
      failuresToOpen: values.failuresToOpen,
      successesToResolve: values.successesToResolve,
      slowMs: values.slowMs,
      certExpiryDays: values.certExpiryDays,
    },
    alertPolicy: {
      quorum: values.quorum,
      reminderIntervalMinutes: values.reminderIntervalMinutes,
      flapMaxChanges: values.flapMaxChanges,
      flapWindowMinutes: values.flapWindowMinutes,
    },
    // checkValues has refused unreadable lists before a request is built.
    ...("body" in handling ? { responseHandling: handling.body } : {}),
  };
}

/** The error for a field, from the browser's checks or the server's problem ("thresholds.slowMs" -> "slowMs"). */
export function errorFor(errors: readonly FieldError[], field: string): string | undefined {
  return errors.find((e) => e.field === field || e.field.endsWith(`.${field}`) || e.field.startsWith(`${field}.`))
    ?.message;
}
