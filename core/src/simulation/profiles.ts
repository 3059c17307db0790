import { addressesOf } from "../sip/addresses";
import { defaultPort, WELL_KNOWN_SRV } from "../sip/transports";
import type { Candidate, SipResolution, Transport } from "../sip/types";
import type { ProfileId } from "./types";

export interface ProfileDefinition {
  id: ProfileId;
  label: string;
  description: string;
  /** Candidate lists tried one after another; `delayBetweenMs` is the pause after a timed-out group. */
  groups(resolution: SipResolution): Candidate[][];
  /** Time a timed-out attempt costs before the client moves on. */
  timeoutCostMs: number;
  /** Extra wait after a group whose last attempt timed out (the desk phone's ~30 s). */
  delayBetweenGroupsMs: number;
  /** Transports this client is configured for on purpose: ending on them is not a fallback. */
  configuredPlaintext: boolean;
}

// RFC 3261 17.1.2.2: a non-INVITE transaction (REGISTER, OPTIONS) times out after 64*T1 = 32 s.
const TIMER_F_MS = 32_000;

function fromSrv(resolution: SipResolution, owner: string, transport: Transport): Candidate[] {
  const node = resolution.srv[owner];
  return (node?.targets ?? []).flatMap((t) =>
    t.host
      ? addressesOf(resolution, t.host).map((a) => ({
          transport,
          host: t.host as string,
          ...a,
          port: t.record.port,
          source: "srv" as const,
          srvOwner: owner,
          priority: t.record.priority,
          share: t.share,
        }))
      : [],
  );
}

function fromDomain(resolution: SipResolution, transport: Transport): Candidate[] {
  const host = resolution.target.host;
  return addressesOf(resolution, host).map((a) => ({
    transport,
    host,
    ...a,
    port: resolution.target.port ?? defaultPort(transport),
    source: "address" as const,
  }));
}

/** Whether the discovery walk ran, so SRV-based profiles can be simulated at all. */
function discovered(resolution: SipResolution): boolean {
  return resolution.branch === "naptr" || resolution.branch === "srv" || resolution.branch === "address";
}

export const PROFILES: readonly ProfileDefinition[] = [
  {
    id: "rfc3263",
    label: "RFC 3263 client",
    description: "follows NAPTR, then SRV, then A/AAAA, and the next target on failure (Linphone, Kamailio, most SBCs)",
    groups: (r) => [r.candidates],
    timeoutCostMs: TIMER_F_MS,
    delayBetweenGroupsMs: 0,
    configuredPlaintext: false,
  },
  {
    id: "srv-preferring",
    label: "SRV-only client",
    description: "ignores NAPTR, asks SRV and prefers TLS, then TCP, then UDP; UDP to the domain when there is no SRV",
    groups: (r) => {
      if (!discovered(r)) return [r.candidates];
      const viaSrv = WELL_KNOWN_SRV.flatMap((w) => fromSrv(r, `${w.prefix}.${r.target.host}`, w.transport));
      const anySrv = WELL_KNOWN_SRV.some(
        (w) => (r.srv[`${w.prefix}.${r.target.host}`]?.lookup.records.length ?? 0) > 0,
      );
      return [anySrv ? viaSrv : fromDomain(r, r.target.scheme === "sips" ? "tls" : "udp")];
    },
    timeoutCostMs: TIMER_F_MS,
    delayBetweenGroupsMs: 0,
    configuredPlaintext: false,
  },
  {
    id: "tcp-first-30s",
    label: "TCP-first desk phone",
    description: "configured for UDP and TCP: tries TCP, waits about 30 s when it gets no answer, then UDP",
    groups: (r) => {
      if (!discovered(r)) return [r.candidates];
      const srvOrDomain = (transport: "tcp" | "udp") => {
        const owner = `_sip._${transport}.${r.target.host}`;
        const records = r.srv[owner]?.lookup.records.length ?? 0;
        return records > 0 ? fromSrv(r, owner, transport) : fromDomain(r, transport);
      };
      return [srvOrDomain("tcp"), srvOrDomain("udp")];
    },
    timeoutCostMs: 0,
    delayBetweenGroupsMs: 30_000,
    configuredPlaintext: true,
  },
  {
    id: "fixed-udp",
    label: "Fixed UDP client",
    description: "configured with the domain and UDP only: UDP 5060 to the domain's own address, no NAPTR or SRV",
    groups: (r) => [
      r.target.hostKind === "domain" ? fromDomain(r, "udp") : r.candidates.filter((c) => c.transport === "udp"),
    ],
    timeoutCostMs: TIMER_F_MS,
    delayBetweenGroupsMs: 0,
    configuredPlaintext: true,
  },
];
