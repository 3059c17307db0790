import * as schema from "@sipwatch/db/schema";
import { type DrizzleD1Database, drizzle } from "drizzle-orm/d1";
import { type Config, type Env, parseConfig } from "./env";
import { type HistoryAccess, HistoryRouter } from "./history/history-router";

export type Db = DrizzleD1Database<typeof schema>;

/** What routes and the scheduled handler work with; built in one place, once per request or tick. */
export interface Services {
  env: Env;
  config: Config;
  /** The control database: accounts, organisations, monitors, channels, outbox, agents, directory. */
  db: Db;
  /**
   * The database holding this organisation's history (history_shard directory; cached for the
   * request or tick). Throws HistoryUnavailableError (503, or a queue retry) when it cannot be used.
   */
  historyDbOf(organisationId: string, access?: HistoryAccess): Promise<Db>;
  history: HistoryRouter;
}

export function createServices(env: Env): Services {
  const config = parseConfig(env);
  const db = drizzle(env.DB, { schema });
  const history = new HistoryRouter(env, db, config.historyShards);
  return { env, config, db, history, historyDbOf: (id, access) => history.historyDbOf(id, access) };
}
