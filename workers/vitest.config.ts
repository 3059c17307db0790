import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

const migrations = await readD1Migrations(path.join(import.meta.dirname, "../db/migrations"));

/**
 * The edge's tests run inside workerd with the Worker wrangler.toml describes, a fresh D1 per
 * test file with the migrations applied (test/apply-migrations.ts), and the lab's servers on
 * 127.0.0.1 (test/lab-setup.ts).
 */
export default defineProject({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "../wrangler.toml" },
      miniflare: {
        bindings: {
          TEST_MIGRATIONS: migrations,
          SIPWATCH_LAB: "1",
          DEFAULT_REGIONS: "weur,enam",
          // The origin the API tests call, so better-auth trusts it.
          PUBLIC_URL: "http://sipwatch.test",
        },
      },
    }),
  ],
  test: {
    name: "workers",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["./test/lab-setup.ts"],
    setupFiles: ["./test/apply-migrations.ts"],
    // Whole flows against real servers (password hashing, ticks through Kamailio, every table of
    // three databases): 5 s is too close on a loaded 2-core machine. Not a speed check; benches are.
    testTimeout: 20_000,
  },
});
