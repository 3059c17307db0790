import { DurableObject } from "cloudflare:workers";
import { mapWithConcurrency } from "@sipwatch/core";
import type { Env } from "../env";
import { createServices } from "../services";
import type { AuditJob, AuditResult, AuditSettings } from "./audit-job";
import { CONNECTIONS_PER_AUDIT, runEdgeAudit } from "./edge-audit";
import { edgeProbeExtras } from "./probe-extras";

/** Workers allow 6 simultaneous open connections per invocation. */
export const MAX_CONNECTIONS = 6;
/** Audits in flight per invocation, each holding at most CONNECTIONS_PER_AUDIT connections. */
export const CONCURRENT_AUDITS = Math.floor(MAX_CONNECTIONS / CONNECTIONS_PER_AUDIT);

/**
 * Audits from one region. Created per region shard with a location hint
 * (`env.REGION_PROBER.get(env.REGION_PROBER.idFromName("weur:0"), { locationHint: "weur" })`),
 * so its sockets leave from that part of the world. It keeps no state: the dispatcher decides
 * what to audit and stores the results. RPC: `await stub.audit(jobs, settings)`.
 */
export class RegionProber extends DurableObject<Env> {
  async audit(jobs: AuditJob[], settings: AuditSettings): Promise<AuditResult[]> {
    // Response handling and test accounts are read here, so no password crosses RPC or a queue.
    const { db, config } = createServices(this.env);
    const extras = await edgeProbeExtras(
      db,
      config,
      jobs.map((j) => j.monitorId),
    );
    return mapWithConcurrency(jobs, CONCURRENT_AUDITS, (job) => runEdgeAudit(job, settings, extras.get(job.monitorId)));
  }
}
