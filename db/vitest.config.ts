import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));

/**
 * The query functions against a real D1 inside workerd: no Worker, only D1 bindings, fresh per
 * test file, with the same migrations wrangler applies (test/apply-migrations.ts).
 */
export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: {
        compatibilityDate: "2026-10-01",
        compatibilityFlags: ["nodejs_compat"],
        // The control database, two history shards (as wrangler.toml), and two left unmigrated
        // for the upgrade tests (history carried over; organisations pinned), which apply the migrations themselves.
        d1Databases: ["DB", "HISTORY_1", "HISTORY_2", "LEGACY", "UPGRADE"],
        bindings: { TEST_MIGRATIONS: migrations },
      },
    }),
  ],
  test: {
    name: "db",
    include: ["test/**/*.test.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
  },
});
