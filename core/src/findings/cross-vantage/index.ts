import { type Finding, sortFindings } from "../types";
import { edgeVsAgent } from "./edge-vs-agent";
import { regionOnly, type VantageRun } from "./region-only";
import { splitDns } from "./split-dns";
import { type VantageRecordSets, vantagesDisagree } from "./vantage-dns-disagree";
import { isRegionVantage } from "./vantage-kind";

export { edgeVsAgent } from "./edge-vs-agent";
export { regionName, regionOnly, type VantageRun } from "./region-only";
export { splitDns } from "./split-dns";
export { type VantageRecordSets, vantagesDisagree } from "./vantage-dns-disagree";
export { isAgentVantage, isRegionVantage } from "./vantage-kind";

/** The vantage id cross-vantage findings are stored under, next to "region:weur" and agents. */
export const CROSS_VANTAGE_ID = "cross";

/**
 * Every rule that compares the vantage points of one monitor, over their latest runs and
 * snapshots. Region against region (public DNS, geo routing) and agent against regions (split
 * DNS, firewalls) are different questions with different fixes, so each rule sees its pairs.
 */
export function crossVantageFindings(runs: readonly VantageRun[], snapshots: readonly VantageRecordSets[]): Finding[] {
  const regionRuns = runs.filter((r) => isRegionVantage(r.vantageId));
  const regionSnapshots = snapshots.filter((s) => isRegionVantage(s.vantageId));
  return sortFindings([
    ...regionOnly(regionRuns),
    ...vantagesDisagree(regionSnapshots),
    ...splitDns(snapshots),
    ...edgeVsAgent(runs),
  ]);
}
