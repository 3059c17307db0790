import type { Env } from "./env";
import { app } from "./http/app";
import { runScheduled } from "./scheduled/run-scheduled";

export { RegionProber } from "./probing/region-prober";

export default {
  fetch: app.fetch,
  scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduled(env, controller.scheduledTime, ctx));
  },
} satisfies ExportedHandler<Env>;
