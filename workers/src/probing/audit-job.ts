import type { AuditOutcome } from "@sipwatch/core";
import { REGION_IDS, type RegionId } from "@sipwatch/core";

/** One monitor to audit from one region. Plain data: it crosses the Durable Object RPC boundary. */
export interface AuditJob {
  monitorId: string;
  /** "region:weur" */
  vantageId: string;
  /** As the customer typed it: "example.com", "sips:example.com". */
  target: string;
  /** transport.sip.slow threshold. */
  slowMs: number;
  /** The hash of the snapshot in force: the resolution tree is sent back only when DNS changed. */
  knownSnapshotHash?: string;
}

/** How the edge audits, decided once by the dispatcher from the parsed config. */
export interface AuditSettings {
  /** This region's resolvers in order: `tcp://ip[:port]` or a DoH URL (edge-resolver.ts). */
  resolvers: string[];
  /** Lab only: the lab's test CAs. */
  extraCaPems: string[];
  /** Lab only: the lab's servers listen on 127.0.0.1 (SSRF guard otherwise refuses loopback). */
  allowLoopback: boolean;
  /** Per connection attempt, TLS handshake or SIP transaction. */
  probeTimeoutMs: number;
  /** Whole audit: DNS walk plus every probe. */
  deadlineMs: number;
}

export const DEFAULT_PROBE_TIMEOUT_MS = 5000;
/** Well under a minute, so a tick's audits end before the next tick starts. */
export const DEFAULT_AUDIT_DEADLINE_MS = 20_000;

/**
 * What one audit hands back: small enough to return over RPC for a batch of monitors. From
 * the edge, `resolution` is sent only when the hash differs from the job's knownSnapshotHash.
 */
export interface AuditResult extends AuditOutcome {
  monitorId: string;
  vantageId: string;
  startedAt: number;
  /** Agents' reports only: the report's idempotency key, stored on the run row. */
  reportId?: string;
}

/** A batch for one Durable Object invocation in one region. */
export interface RegionBatch {
  region: string;
  /** Distinct shards of a region run side by side, each with its own connection budget. */
  shard: number;
  jobs: AuditJob[];
}

/** Vantage ids ("region:weur", agents' own "agt_…") come from core's catalogue. */
export { isRegionVantageId, regionVantageId } from "@sipwatch/core";

/**
 * Core's regions, the default ones (weur, enam, apac) first: settingsForRegion gives a region
 * the resolver at its position here, so the default regions ask different resolvers first.
 */
const SPREAD_FIRST: readonly RegionId[] = ["weur", "enam", "apac"];
export const REGIONS: readonly RegionId[] = [...SPREAD_FIRST, ...REGION_IDS.filter((r) => !SPREAD_FIRST.includes(r))];
