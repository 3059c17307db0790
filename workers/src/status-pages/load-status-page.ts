import { OVERALL, STATUS_PAGE_DAYS, statusPageView, vantageStatusesWithMutes } from "@sipwatch/core";
import type { PublicStatusPage } from "@sipwatch/core/contract";
import {
  announcedWindowsOf,
  DAY_MS,
  findEnabledStatusPageBySlug,
  findOrganisationBySlug,
  type MonitorRow,
  monitorsOfPage,
  mutesInForceOf,
  openFindingsOfMonitors,
  publicIncidentsOf,
  publicMonitorsOfOrganisation,
  publicPageVersion,
  regionDailyCounts,
  vantageStatesOf,
} from "@sipwatch/db";
import { ProblemError } from "../http/problem";
import { isRegionVantageId } from "../probing/audit-job";
import type { Services } from "../services";

/** Which page a public URL names: one the operator defined, or an organisation's default page. */
export type PageAddress = { kind: "page"; slug: string } | { kind: "organisation"; slug: string };

export interface ResolvedPage {
  organisationId: string;
  title: string;
  description: string;
  monitors: MonitorRow[];
  /** Changes whenever anything the page shows is edited: the edge cache key carries it. */
  version: string;
}

const notFound = () => new ProblemError("not_found", "No such status page");

/**
 * The page row (or the organisation's public monitors) and a cheap version of what it shows.
 * Unknown, disabled and empty pages are the one 404, word for word, so a slug reveals nothing.
 */
export async function resolveStatusPage(services: Pick<Services, "db">, address: PageAddress): Promise<ResolvedPage> {
  const { db } = services;
  let resolved: Omit<ResolvedPage, "version"> & { pageVersion: string };
  if (address.kind === "page") {
    const page = await findEnabledStatusPageBySlug(db, address.slug);
    if (!page) throw notFound();
    resolved = {
      organisationId: page.organisationId,
      title: page.title,
      description: page.description,
      monitors: await monitorsOfPage(db, page.organisationId, page.monitorIds),
      pageVersion: `p${page.updatedAt}`,
    };
  } else {
    const organisation = await findOrganisationBySlug(db, address.slug);
    const monitors = organisation ? await publicMonitorsOfOrganisation(db, organisation.id) : [];
    // An organisation without public monitors has no default page (its name stays private).
    if (!organisation || monitors.length === 0) throw notFound();
    resolved = {
      organisationId: organisation.id,
      title: `${organisation.name} status`,
      description: "",
      monitors,
      pageVersion: "org",
    };
  }
  const ids = resolved.monitors.map((m) => m.id);
  const version = `${resolved.pageVersion}.${ids.join(",")}.${await publicPageVersion(db, ids)}`;
  const { pageVersion: _, ...rest } = resolved;
  return { ...rest, version };
}

/** Everything the page shows, read from the control database and the organisation's shard. */
export async function loadStatusPage(
  services: Pick<Services, "db" | "historyDbOf">,
  page: ResolvedPage,
  now: number,
): Promise<PublicStatusPage> {
  const ids = page.monitors.map((m) => m.id);
  const history = await services.historyDbOf(page.organisationId);
  const dayStart = Math.floor(now / DAY_MS) * DAY_MS;
  const [states, daily, incidents, windows, open, mutesOf] = await Promise.all([
    vantageStatesOf(history, ids),
    regionDailyCounts(history, ids, dayStart - (STATUS_PAGE_DAYS - 1) * DAY_MS),
    publicIncidentsOf(services.db, ids),
    announcedWindowsOf(services.db, ids, now),
    openFindingsOfMonitors(history, ids),
    mutesInForceOf(services.db, ids, now),
  ]);
  const nameOf = new Map(page.monitors.map((m) => [m.id, m.name]));
  // Cloud regions the monitor still audits from only: agents' runs name internal hosts.
  const regionStates = states.filter((s) => {
    const monitor = page.monitors.find((m) => m.id === s.monitorId);
    return isRegionVantageId(s.vantageId) && monitor?.regions.includes(s.vantageId.slice("region:".length));
  });
  // The hour still counting is in no rollup row yet: today's bar adds it, so it is current.
  const counting = regionStates.flatMap((s) => {
    const all = s.hourAcc?.[OVERALL];
    return all && s.hourStart >= dayStart
      ? [{ monitorId: s.monitorId, bucketStart: s.hourStart, runs: all.runs, successes: all.ok }]
      : [];
  });
  return statusPageView({
    title: page.title,
    description: page.description,
    now,
    monitors: page.monitors.map((m) => ({
      name: m.name,
      // Muted findings are known and accepted by the operator: they do not lower the public state.
      latest: vantageStatusesWithMutes(
        regionStates
          .filter((s) => s.monitorId === m.id)
          .map((s) => ({
            vantageId: s.vantageId,
            status: s.summary.status,
            startedAt: s.lastRunAt,
            summary: s.summary,
          })),
        open.filter((f) => f.monitorId === m.id),
        mutesOf.get(m.id) ?? [],
        now,
      ).map((r) => ({ startedAt: r.startedAt, summary: { ...r.summary, status: r.status } })),
      daily: [...daily, ...counting]
        .filter((d) => d.monitorId === m.id)
        .map((d) => ({ ...d, runs: Number(d.runs), successes: Number(d.successes) })),
    })),
    incidents: incidents.map(({ incident, events }) => ({
      monitorName: nameOf.get(incident.monitorId) ?? "",
      status: incident.status,
      openedAt: incident.openedAt,
      resolvedAt: incident.resolvedAt,
      events,
    })),
    maintenance: windows.map((w) => ({
      monitorName: nameOf.get(w.monitorId) ?? "",
      startsAt: w.startsAt,
      endsAt: w.endsAt,
      reason: w.reason,
    })),
  });
}
