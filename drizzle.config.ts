import { defineConfig } from "drizzle-kit";

// drizzle-kit 0.31 writes flat NNNN_name.sql files, which `wrangler d1 migrations apply` and the
// workerd test pool's readD1Migrations both read (1.x writes a folder per migration).
export default defineConfig({
  dialect: "sqlite",
  schema: "./db/src/schema/index.ts",
  out: "./db/migrations",
});
