import { usableNaptrRecords } from "../sip/naptr";
import { WELL_KNOWN_SRV } from "../sip/transports";
import type { SipResolution, Transport } from "../sip/types";

/** Transports DNS offers: usable NAPTR services plus well-known SRV owners with a real target. */
export function advertisedTransports(resolution: SipResolution): Set<Transport> {
  const offered = new Set<Transport>();
  for (const naptr of usableNaptrRecords(resolution.naptrRecords))
    if (naptr.service) offered.add(naptr.service.transport);
  for (const w of WELL_KNOWN_SRV) {
    const node = resolution.srv[`${w.prefix}.${resolution.target.host}`];
    if (node?.targets.some((t) => t.host !== null)) offered.add(w.transport);
  }
  return offered;
}
