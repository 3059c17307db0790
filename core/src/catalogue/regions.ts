/**
 * The cloud regions sipwatch audits from: Cloudflare's Durable Object location hints, which the
 * RegionProber is created with, in Cloudflare's own order. The API's `regions` enum, the
 * Worker's DEFAULT_REGIONS check, the scheduler and the dashboard's picker all read this list.
 */
export const REGION_IDS = ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"] as const;

export type RegionId = (typeof REGION_IDS)[number];

export const REGION_LABELS: Readonly<Record<RegionId, string>> = {
  wnam: "Western North America",
  enam: "Eastern North America",
  sam: "South America",
  weur: "Western Europe",
  eeur: "Eastern Europe",
  apac: "Asia-Pacific",
  oc: "Oceania",
  afr: "Africa",
  me: "Middle East",
};

/** Id and label, in the catalogue's order, for pickers and docs. */
export const REGIONS: ReadonlyArray<{ id: RegionId; label: string }> = REGION_IDS.map((id) => ({
  id,
  label: REGION_LABELS[id],
}));

/** Anchored: `REGION_PATTERN.test("weur")` is true, `"eu"` and `"weur "` are not. */
export const REGION_PATTERN = new RegExp(`^(${REGION_IDS.join("|")})$`);

export const isRegionId = (value: string): value is RegionId => (REGION_IDS as readonly string[]).includes(value);

/** "Western Europe" for "weur"; an unknown id (a retired region in old rows) as it is. */
export const regionLabel = (id: string): string => (isRegionId(id) ? REGION_LABELS[id] : id);
