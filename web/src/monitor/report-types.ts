import type { RunSummary, SipResolution } from "@sipwatch/core";
import type { Schemas } from "../api/client";

/**
 * The report as the API sends it. Its summary and resolution tree are typed by core's schemas
 * (core/src/contract) through the generated OpenAPI types, so they are core's shapes without a cast.
 */
export type Report = Schemas["MonitorReport"];
export type VantageReport = Report["vantages"][number];
export type Finding = Schemas["Finding"];

export const summaryOf = (v: VantageReport): RunSummary => v.run.summary;
export const resolutionOf = (v: VantageReport): SipResolution | null => v.dns?.resolution ?? null;

/** "weur" for regions, "agent agt_…" otherwise (core's catalogue); the overview's labels come with it, the report's do not. */
export { vantageLabel } from "@sipwatch/core";
