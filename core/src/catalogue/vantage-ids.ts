import type { RegionId } from "./regions";

/**
 * Where an audit ran from. A cloud region's vantage id is "region:<region id>" ("region:weur");
 * an agent's is the agent's own id ("agt_…"), which its owner recognises. Stored in every run,
 * finding and rollup row, so the format is fixed.
 */
export const REGION_VANTAGE_PREFIX = "region:";

/** An agent's id: "agt_" and 16 random bytes in base64url (workers/src/ids.ts). */
export const AGENT_ID_PATTERN = /^agt_[A-Za-z0-9_-]{1,64}$/;

/** "region:weur" or "agt_…": what a report, a finding or a rollup may name as its vantage. */
export const VANTAGE_ID_PATTERN = /^(region:[a-z]{2,8}|agt_[A-Za-z0-9_-]{1,64})$/;

/** `regionVantageId("weur")` -> "region:weur". */
export const regionVantageId = (region: RegionId | string): string => `${REGION_VANTAGE_PREFIX}${region}`;

export const isRegionVantageId = (vantageId: string): boolean => vantageId.startsWith(REGION_VANTAGE_PREFIX);

/** "weur" for "region:weur", null for an agent's vantage id. */
export const regionOfVantageId = (vantageId: string): string | null =>
  isRegionVantageId(vantageId) ? vantageId.slice(REGION_VANTAGE_PREFIX.length) : null;

/** How people name a vantage in alerts and pages: "weur" for a region, the agent's id otherwise. */
export const vantageName = (vantageId: string): string => regionOfVantageId(vantageId) ?? vantageId;

/** How pages label a vantage beside others: "weur" for a region, "agent agt_…" otherwise. */
export const vantageLabel = (vantageId: string): string => regionOfVantageId(vantageId) ?? `agent ${vantageId}`;
