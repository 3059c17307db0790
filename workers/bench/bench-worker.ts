import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/**
 * A bench Worker bundled the way wrangler bundles the real one, as one ES module for workerd
 * (Miniflare). @reclaimprotocol/tls imports the bare "crypto", which nodejs_compat maps to
 * node:crypto, so it stays external with the runtime's own modules.
 */
export async function bundleBenchWorker(entry: URL): Promise<string> {
  const bundle = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    external: ["cloudflare:*", "node:*", "crypto"],
    logLevel: "error",
  });
  const text = bundle.outputFiles[0]?.text;
  if (!text) throw new Error(`esbuild produced nothing for ${entry.pathname}`);
  return text;
}
