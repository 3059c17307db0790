import type { RunSummary, SipResolution } from "@sipwatch/core";
import type { Schemas } from "../api/client";

/** The report as the API sends it, with the open JSON parts typed by core's shapes (they are core's data). */
export type Report = Schemas["MonitorReport"];
export type VantageReport = Report["vantages"][number];
export type Finding = Schemas["Finding"];

export const summaryOf = (v: VantageReport) => v.run.summary as unknown as RunSummary;
export const resolutionOf = (v: VantageReport) => (v.dns?.resolution ?? null) as unknown as SipResolution | null;

/** "weur" for regions, the agent's id otherwise; the overview's labels come with it, the report's do not. */
export const vantageLabel = (vantageId: string) =>
  vantageId.startsWith("region:") ? vantageId.slice("region:".length) : `agent ${vantageId}`;
