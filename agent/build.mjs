// Bundles the CLI (core, which it imports as TypeScript, and ws) into one ES module, so the packed
// package needs nothing but Node. Also records the files the bundle was built from, so that in a
// checkout `bin/sipwatch.mjs` can tell a stale bundle and rebuild it (see `bundleIsStale`).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = join(here, "dist/sipwatch.mjs");
const inputsFile = join(here, "dist/sipwatch.inputs.json");
const alwaysInputs = ["build.mjs", "package.json"];

/** Builds dist/sipwatch.mjs; each output is written beside and renamed, so a concurrent reader never sees half a bundle. */
export async function buildCli() {
  const { build } = await import("esbuild");
  const result = await build({
    absWorkingDir: here,
    entryPoints: ["src/cli/entry.ts"],
    outfile,
    bundle: true,
    platform: "node",
    // The engines field of package.json says Node 20 or later.
    target: "node20",
    format: "esm",
    sourcemap: "linked",
    logLevel: "warning",
    write: false,
    metafile: true,
    // CommonJS dependencies (ws, tsyringe) call require() for Node built-ins, which an ES module
    // bundle lacks: give the bundle a real require.
    banner: {
      js: 'import { createRequire as __sipwatchRequire } from "node:module"; const require = __sipwatchRequire(import.meta.url);',
    },
  });
  const inputs = [...alwaysInputs, ...Object.keys(result.metafile.inputs)];
  const outputs = [
    ...result.outputFiles.map((file) => ({ path: file.path, contents: file.contents })),
    { path: inputsFile, contents: `${JSON.stringify(inputs, null, 1)}\n` },
  ];
  // A fresh clone has no dist/ yet (it is not committed).
  mkdirSync(dirname(outfile), { recursive: true });
  for (const output of outputs) {
    const temporary = join(dirname(output.path), `.${basename(output.path)}.${process.pid}`);
    writeFileSync(temporary, output.contents);
    renameSync(temporary, output.path);
  }
}

/** True when the bundle is missing or any file it was built from changed (or went away) since. */
export function bundleIsStale() {
  let built;
  let inputs;
  try {
    built = statSync(outfile).mtimeMs;
    inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
  } catch {
    return true;
  }
  return inputs.some((input) => {
    try {
      return statSync(resolve(here, input)).mtimeMs > built;
    } catch {
      return true;
    }
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) await buildCli();
