import { publicStatusOf } from "../badge/public-status";
import type {
  PublicIncident,
  PublicMaintenance,
  PublicMonitor,
  PublicPageState,
  PublicStatusPage,
} from "../contract/status-page";
import type { RunSummary } from "../history/types";
import { type DailyCount, dailyBars } from "./daily-bars";
import { publicPhoneWords } from "./phone-words";

export interface StatusPageMonitorInput {
  /** The monitor's name as the operator wrote it (validated at write: one printable line). */
  name: string;
  /** Latest run of every cloud region that still audits it; never an agent's. */
  latest: ReadonlyArray<{ startedAt: number; summary: RunSummary }>;
  /** Daily rollups of the cloud regions, summed per day. */
  daily: readonly DailyCount[];
}

export interface StatusPageIncidentInput {
  monitorName: string;
  status: "open" | "acknowledged" | "resolved";
  openedAt: number;
  resolvedAt: number | null;
  /** The incident's events; only public `update` events with a body are shown. */
  events: ReadonlyArray<{ at: number; kind: string; body: string | null; public: boolean }>;
}

export interface StatusPageInput {
  title: string;
  description: string;
  now: number;
  monitors: readonly StatusPageMonitorInput[];
  incidents: readonly StatusPageIncidentInput[];
  /** Announced windows that have not ended. */
  maintenance: ReadonlyArray<{ monitorName: string; startsAt: number; endsAt: number; reason: string }>;
}

// Worst first: a page is as bad as its worst monitor.
const SEVERITY: readonly PublicPageState[] = ["down", "degraded", "maintenance", "unknown", "ok"];

const SUMMARY: Record<PublicPageState, string> = {
  ok: "Everything works: phones can register.",
  degraded: "Some phones are affected: they register late or over a fallback transport.",
  down: "Some phones cannot register.",
  maintenance: "Maintenance is under way.",
  unknown: "No recent checks yet.",
};

const HEADING: Record<StatusPageIncidentInput["status"], string> = {
  open: "disruption",
  acknowledged: "disruption, being worked on",
  resolved: "disruption, resolved",
};

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Public updates are bounded where they are written; this second bound keeps a page's size in
 * check even for rows written before that (or by a future writer that forgets).
 */
const UPDATE_SHOWN_MAX = 4000;

/**
 * The public page from what the Worker read: states in plain words, bars, incidents with their
 * public updates, announced maintenance. Pure, so the HTML, JSON and Atom twins share it.
 */
export function statusPageView(input: StatusPageInput): PublicStatusPage {
  const { now } = input;
  const maintenance: PublicMaintenance[] = input.maintenance
    .filter((w) => w.endsAt > now)
    .sort((a, b) => a.startsAt - b.startsAt)
    .map((w) => ({
      monitor: w.monitorName,
      startsAt: iso(w.startsAt),
      endsAt: iso(w.endsAt),
      reason: w.reason,
      ongoing: w.startsAt <= now,
    }));
  const inMaintenance = new Set(maintenance.filter((w) => w.ongoing).map((w) => w.monitor));
  const monitors: PublicMonitor[] = input.monitors.map((m) => {
    const status = publicStatusOf(m.latest, [], { runs: 0, successes: 0 });
    const { bars, availability } = dailyBars(m.daily, now);
    return {
      name: m.name,
      state: inMaintenance.has(m.name) && status.state !== "ok" ? "maintenance" : status.state,
      phones: publicPhoneWords(m.latest.filter((r) => r.summary.status !== "error").map((r) => r.summary.profiles)),
      availability90d: availability,
      days: bars,
      lastCheckedAt: status.lastCheckedAt === null ? null : iso(status.lastCheckedAt),
    };
  });
  const incidents: PublicIncident[] = [...input.incidents]
    .sort((a, b) => b.openedAt - a.openedAt)
    .map((i) => ({
      heading: `${i.monitorName}: ${HEADING[i.status]}`,
      monitor: i.monitorName,
      status: i.status,
      openedAt: iso(i.openedAt),
      resolvedAt: i.resolvedAt === null ? null : iso(i.resolvedAt),
      updates: i.events
        .filter((e) => e.public && e.kind === "update" && e.body)
        .sort((a, b) => b.at - a.at)
        .map((e) => ({ at: iso(e.at), body: (e.body ?? "").slice(0, UPDATE_SHOWN_MAX) })),
    }));
  const states = monitors.map((m) => m.state);
  const state = SEVERITY.find((s) => states.includes(s)) ?? "unknown";
  return {
    title: input.title,
    description: input.description,
    state,
    summary: SUMMARY[state],
    generatedAt: iso(now),
    monitors,
    incidents,
    maintenance,
  };
}
