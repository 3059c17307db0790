import { defineConfig } from "vitest/config";
import { interopProjects } from "./vitest.workspace.ts";

export default defineConfig({ test: { projects: interopProjects } });
