// Bundles the CLI (and core, which it imports as TypeScript) into one ES module for Node 22.
import { build } from "esbuild";

await build({
  entryPoints: ["src/cli/entry.ts"],
  outfile: "dist/sipwatch.mjs",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  sourcemap: "linked",
  logLevel: "warning",
  // CommonJS dependencies (ws, tsyringe) call require() for Node built-ins, which an ES module
  // bundle lacks: give the bundle a real require.
  banner: {
    js: 'import { createRequire as __sipwatchRequire } from "node:module"; const require = __sipwatchRequire(import.meta.url);',
  },
});
