import { type Finding, sortFindings } from "../types";
import { regionOnly, type VantageRun } from "./region-only";
import { type VantageRecordSets, vantagesDisagree } from "./vantage-dns-disagree";

export { regionName, regionOnly, type VantageRun } from "./region-only";
export { type VantageRecordSets, vantagesDisagree } from "./vantage-dns-disagree";

/** The vantage id cross-vantage findings are stored under, next to "region:weur" and agents. */
export const CROSS_VANTAGE_ID = "cross";

/** Every rule that compares the vantage points of one monitor, over their latest runs and snapshots. */
export function crossVantageFindings(runs: readonly VantageRun[], snapshots: readonly VantageRecordSets[]): Finding[] {
  return sortFindings([...regionOnly(runs), ...vantagesDisagree(snapshots)]);
}
