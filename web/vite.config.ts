import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
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
 * The dashboard builds to web/dist, which the Worker serves as static assets (wrangler.toml
 * [assets]). `npm run dev -w @sipwatch/web` proxies the API to a local `npm start` on 8787.
 */
export default defineConfig({
  plugins: [react(), assetHeaders()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: { "/api": "http://127.0.0.1:8787", "/badge": "http://127.0.0.1:8787", "/status": "http://127.0.0.1:8787" },
  },
});
