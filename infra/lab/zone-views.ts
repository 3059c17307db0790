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

/**
 * An office's internal view of the same zones: the SRV records at `srvOwner` in `origin` name
 * `internalHost` instead (same priority, weight and port), an internal name that exists only in
 * this view, with `address`. Inside phones reach the PBX by its LAN name; the public never
 * learns it. What an agent's internal resolver serves in split-DNS tests.
 */
export function viewWithInternalSrvTarget(
  zones: readonly LabZone[],
  origin: string,
  srvOwner: string,
  internalHost: string,
  address: string,
): LabZone[] {
  const owner = `${srvOwner}.${origin}`;
  const internal = `${internalHost}.${origin}`;
  return zones.map((zone) =>
    zone.origin === origin
      ? {
          ...zone,
          records: [
            ...zone.records.map((r) =>
              r.type === "SRV" && r.name === owner ? { ...r, data: { ...r.data, target: internal } } : r,
            ),
            { name: internal, type: "A" as const, data: address },
          ],
        }
      : zone,
  );
}
