import { type PublicStatus, publicStatusOf, unmutedOpenFindings, vantageStatusesWithMutes } from "@sipwatch/core";
import {
  availabilitySince,
  type Db,
  findPublicMonitorBySlug,
  latestRunsOfMonitor,
  type MonitorRow,
  mutesInForceOf,
  openFindingsOfMonitor,
} from "@sipwatch/db";
import { isRegionVantageId } from "../probing/audit-job";
import type { Services } from "../services";
import { ProblemError } from "./problem";

const AVAILABILITY_WINDOW_MS = 30 * 86_400_000;

/** A public monitor and what may be shown of it; a private or unknown slug is the same 404. */
export async function loadPublicStatus(
  services: Pick<Services, "db" | "historyDbOf">,
  slug: string,
  now: number,
): Promise<{ monitor: MonitorRow; status: PublicStatus }> {
  const monitor = await findPublicMonitorBySlug(services.db, slug);
  if (!monitor) throw new ProblemError("not_found", `No public monitor "${slug}"`);
  const db: Db = await services.historyDbOf(monitor.organisationId);
  const [latest, open, availability, mutesOf] = await Promise.all([
    latestRunsOfMonitor(db, monitor.id),
    openFindingsOfMonitor(db, monitor.id),
    availabilitySince(db, monitor.id, now - AVAILABILITY_WINDOW_MS, { regionsOnly: true }),
    mutesInForceOf(services.db, [monitor.id], now),
  ]);
  // Muted findings are the operator's known and accepted ones: they neither lower the public
  // state nor appear in its list (availability counts runs, which mutes do not rewrite).
  const mutes = mutesOf.get(monitor.id) ?? [];
  // Only what the cloud regions saw: agents sit inside the customer's network, and their runs
  // and findings name internal hosts and addresses that a status page's visitors must not see.
  const fromRegions = <T extends { vantageId: string }>(rows: readonly T[]) =>
    rows.filter((row) => isRegionVantageId(row.vantageId));
  // Regions the monitor still audits from: a dropped region's last run no longer counts.
  const audited = <T extends { vantageId: string }>(rows: readonly T[]) =>
    rows.filter((row) => monitor.regions.includes(row.vantageId.slice("region:".length)));
  const runs = vantageStatusesWithMutes(audited(fromRegions(latest)), open, mutes, now).map((run) => ({
    ...run,
    summary: { ...run.summary, status: run.status },
  }));
  return { monitor, status: publicStatusOf(runs, unmutedOpenFindings(fromRegions(open), mutes, now), availability) };
}
