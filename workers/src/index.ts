import type { Env } from "./env";
import { app } from "./http/app";
import type { AuditMessage } from "./scheduled/audit-message";
import { consumeAuditMessages } from "./scheduled/queue-consumer";
import { runScheduled } from "./scheduled/run-scheduled";

export { RegionProber } from "./probing/region-prober";

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, controller.scheduledTime, ctx));
  },
  queue(batch, env) {
    return consumeAuditMessages(batch as MessageBatch<AuditMessage>, env);
  },
} satisfies ExportedHandler<Env, AuditMessage>;
