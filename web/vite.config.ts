import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { API_REFERENCE_SCRIPT } from "../workers/src/http/docs/api-reference-script";
import { assetHeadersFile } from "../workers/src/http/security/dashboard-policy";

/**
 * The asset server sends web/dist/_headers with every dashboard file; it is written from the
 * Worker's own policy (workers/src/http/security/dashboard-policy.ts), so the two cannot drift.
 */
const assetHeaders = (): Plugin => ({
  name: "sipwatch-asset-headers",
  generateBundle() {
    this.emitFile({ type: "asset", fileName: "_headers", source: assetHeadersFile() });
  },
});

/**
 * The API reference page (GET /api/v1/docs) runs Scalar's standalone bundle; it is served from
 * this deployment's assets so the page needs no CDN (and renders offline).
 */
const apiReferenceScript = (): Plugin => ({
  name: "sipwatch-api-reference-script",
  generateBundle() {
    const require = createRequire(import.meta.url);
    // The package exports no subpath for its browser bundle; it sits beside the main entry.
    const bundle = join(dirname(require.resolve("@scalar/api-reference")), "browser/standalone.js");
    this.emitFile({ type: "asset", fileName: API_REFERENCE_SCRIPT.slice(1), source: readFileSync(bundle) });
  },
});

/**
 * The dashboard builds to web/dist, which the Worker serves as static assets (wrangler.toml
 * [assets]). `npm run dev -w @sipwatch/web` proxies the API to a local `npm start` on 8787.
 */
export default defineConfig({
  plugins: [react(), assetHeaders(), apiReferenceScript()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: { "/api": "http://127.0.0.1:8787", "/badge": "http://127.0.0.1:8787", "/status": "http://127.0.0.1:8787" },
  },
});
