/**
 * The Worker `badge.bench.ts` runs: the real one (workers/src/index.ts, the same Hono app,
 * middleware and D1 queries `/badge/<slug>.svg` goes through in production), plus one route that
 * answers the same SVG bytes from a binding without touching D1. That route is the baseline: a
 * Worker invocation through the same Miniflare dispatch, so the ratio is the badge's own cost.
 */
import type { Env } from "../src/env";
import worker from "../src/index";

interface BenchEnv extends Env {
  BASELINE_SVG: string;
}

export default {
  fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/baseline.svg") {
      return new Response(env.BASELINE_SVG, {
        headers: { "content-type": "image/svg+xml; charset=utf-8", "cache-control": "public, max-age=60" },
      });
    }
    return worker.fetch(request, env, ctx);
  },
} satisfies ExportedHandler<BenchEnv>;
