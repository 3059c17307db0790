import * as schema from "@sipwatch/db/schema";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { type Config, type Env, parseConfig } from "./env";

export type Db = DrizzleD1Database<typeof schema>;

/** What routes and the scheduled handler work with; built in one place, once per request or tick. */
export interface Services {
  env: Env;
  config: Config;
  db: Db;
}

export function createServices(env: Env): Services {
  return { env, config: parseConfig(env), db: drizzle(env.DB, { schema }) };
}
