import type { LabZone } from "./zones";

/**
 * Another view of the same zones, the way a second resolver (an office's, or a stale secondary)
 * can see them: `host`'s A records in `origin` answer `address` instead; every other zone is
 * untouched. For split-answer demos and resolver-disagreement tests.
 */
export function viewWithHostAddress(
  zones: readonly LabZone[],
  origin: string,
  host: string,
  address: string,
): LabZone[] {
  const owner = `${host}.${origin}`;
  return zones.map((zone) =>
    zone.origin === origin
      ? {
          ...zone,
          records: zone.records.map((r) => (r.type === "A" && r.name === owner ? { ...r, data: address } : r)),
        }
      : zone,
  );
}
