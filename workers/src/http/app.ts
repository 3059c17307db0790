import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./context";
import { reportRoutes } from "./routes/reports";

/*
 * TEMPORARY, replaced by the api branch: it exists so wrangler.toml's main (src/index.ts) bundles
 * in the pipeline branch. The real app adds the services/caller middleware, auth and onError.
 */
export const app = new OpenAPIHono<AppEnv>().route("/api/v1", reportRoutes);
