import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The dashboard builds to web/dist, which the Worker serves as static assets (wrangler.toml
 * [assets]). `npm run dev -w @sipwatch/web` proxies the API to a local `npm start` on 8787.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: { "/api": "http://127.0.0.1:8787", "/badge": "http://127.0.0.1:8787", "/status": "http://127.0.0.1:8787" },
  },
});
