#!/usr/bin/env node
// The CLI is bundled by `npm run build -w @sipwatch/agent` (run by `npm install` through the root
// `prepare` script), so the installed command needs nothing but Node 22.
import "../dist/sipwatch.mjs";
