import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// Storage is isolated per test file, and applying is idempotent, so every file starts migrated:
// the control database and both history shards (UPGRADE is left to the upgrade tests).
await Promise.all([env.DB, env.HISTORY_1, env.HISTORY_2].map((db) => applyD1Migrations(db, env.TEST_MIGRATIONS)));
