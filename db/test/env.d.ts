import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      LEGACY: D1Database;
      HISTORY_1: D1Database;
      HISTORY_2: D1Database;
      UPGRADE: D1Database;
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
