import type { MiddlewareHandler } from "hono";
import { createServices } from "../../services";
import type { AppEnv } from "../context";

/** Builds the request's services (parsed config, drizzle over this request's D1) once. */
export const provideServices: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set("services", createServices(c.env));
  await next();
};
