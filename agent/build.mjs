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
});
