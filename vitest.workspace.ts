/**
 * The test projects. Vitest 4 dropped workspace files, so this list is imported by
 * vitest.config.ts (`npm test`) and vitest.interop.config.ts (`npm run test:interop`).
 */
import type { TestProjectConfiguration, TestProjectInlineConfiguration } from "vitest/config";

export const projects: TestProjectConfiguration[] = [
  {
    test: {
      name: "core",
      root: "./core",
      include: ["src/**/*.test.ts"],
      environment: "node",
    },
  },
  {
    test: {
      name: "agent",
      root: "./agent",
      include: ["src/**/*.test.ts", "test/**/*.test.ts"],
      environment: "node",
    },
  },
  {
    // The dashboard's views: pure mappers, and components rendered with Testing Library in jsdom.
    test: {
      name: "web",
      root: "./web",
      include: ["src/**/*.test.{ts,tsx}"],
      environment: "jsdom",
      setupFiles: ["./src/test-setup.ts"],
    },
  },
  // Inside workerd through @cloudflare/vitest-plugin, against the lab on 127.0.0.1.
  "./workers/vitest.config.ts",
  // The db package's queries against a D1 inside workerd, with the same migrations.
  "./db/vitest.config.ts",
  {
    test: {
      name: "infra",
      root: "./infra",
      include: ["lab/**/*.test.ts", "phones/**/*.test.ts"],
      environment: "node",
    },
  },
];

/** Suites that need Debian packages (BIND 9 now; Kamailio later) installed by .ci/run. */
export const interopProjects: TestProjectInlineConfiguration[] = [
  {
    test: {
      name: "interop",
      root: "./infra",
      include: ["interop/**/*.interop.test.ts"],
      environment: "node",
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
];
