import { z } from "zod";

/**
 * The public status page as JSON (GET /pages/<slug>.json) and as the HTML and Atom renderers'
 * input: one shape, so the three can never show different things. Everything here is public:
 * no monitor ids, targets, addresses, agent or vantage names, finding evidence or internal titles.
 */

export const PUBLIC_STATE = ["ok", "degraded", "down", "maintenance", "unknown"] as const;
export type PublicPageState = (typeof PUBLIC_STATE)[number];

export const PhoneWordsSchema = z.object({
  tone: z.enum(["ok", "warn", "bad"]),
  sentence: z.string(),
});

export const DailyBarSchema = z.object({
  /** UTC day, YYYY-MM-DD. */
  day: z.string(),
  /** Successful share of the day's runs, 0..1; null for a day without runs. */
  availability: z.number().min(0).max(1).nullable(),
});

export const PublicMonitorSchema = z.object({
  name: z.string(),
  state: z.enum(PUBLIC_STATE),
  /** One sentence per phone profile: what phones can and cannot do right now. */
  phones: z.array(PhoneWordsSchema),
  availability90d: z.number().min(0).max(1).nullable(),
  days: z.array(DailyBarSchema),
  lastCheckedAt: z.iso.datetime().nullable(),
});

export const PublicIncidentUpdateSchema = z.object({
  at: z.iso.datetime(),
  body: z.string(),
});

export const PublicIncidentSchema = z.object({
  /** Derived from the monitor's public name and state, never the internal title. */
  heading: z.string(),
  monitor: z.string(),
  status: z.enum(["open", "acknowledged", "resolved"]),
  openedAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
  updates: z.array(PublicIncidentUpdateSchema),
});

export const PublicMaintenanceSchema = z.object({
  monitor: z.string(),
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  reason: z.string(),
  /** True while it lasts. */
  ongoing: z.boolean(),
});

export const PublicStatusPageSchema = z.object({
  title: z.string(),
  description: z.string(),
  state: z.enum(PUBLIC_STATE),
  /** The page's state in one line: "All phones can register." */
  summary: z.string(),
  generatedAt: z.iso.datetime(),
  monitors: z.array(PublicMonitorSchema),
  incidents: z.array(PublicIncidentSchema),
  maintenance: z.array(PublicMaintenanceSchema),
});

export type PhoneWords = z.infer<typeof PhoneWordsSchema>;
export type DailyBar = z.infer<typeof DailyBarSchema>;
export type PublicMonitor = z.infer<typeof PublicMonitorSchema>;
export type PublicIncident = z.infer<typeof PublicIncidentSchema>;
export type PublicMaintenance = z.infer<typeof PublicMaintenanceSchema>;
export type PublicStatusPage = z.infer<typeof PublicStatusPageSchema>;
