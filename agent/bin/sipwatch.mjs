#!/usr/bin/env node
// dist/sipwatch.mjs is the whole CLI in one file (core and ws bundled by build.mjs), so the packed
// package needs nothing but Node. In a checkout of the repository (build.mjs is beside bin/, and
// is not packed), the bundle is rebuilt first when any file it was built from changed, so
// `npx sipwatch` always runs the current sources.
import { existsSync } from "node:fs";

const buildScript = new URL("../build.mjs", import.meta.url);
if (existsSync(buildScript)) {
  const { buildCli, bundleIsStale } = await import(buildScript.href);
  if (bundleIsStale()) {
    if (process.stderr.isTTY) process.stderr.write("sipwatch: sources changed, rebuilding dist/sipwatch.mjs\n");
    await buildCli();
  }
}
await import("../dist/sipwatch.mjs");
