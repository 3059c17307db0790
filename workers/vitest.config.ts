import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineProject } from "vitest/config";

/** The edge's tests run inside workerd, against the lab's servers on 127.0.0.1 (test/lab-setup.ts). */
export default defineProject({
  plugins: [
    cloudflareTest({
      miniflare: { compatibilityDate: "2026-10-01", compatibilityFlags: ["nodejs_compat"] },
    }),
  ],
  test: {
    name: "workers",
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["./test/lab-setup.ts"],
  },
});
