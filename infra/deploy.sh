#!/usr/bin/env bash
# Deploying sipwatch to Cloudflare (see infra/DEPLOY.md). Run through npm so the pinned
# wrangler and Node 22 are used:
#   npm run deploy -- setup     once: create the D1 database and write its id into wrangler.toml
#   npm run deploy -- secrets   once, and to rotate: BETTER_AUTH_SECRET (generated), PUBLIC_URL
#   npm run deploy              every release: apply migrations remotely, then deploy the Worker
#   npm run deploy -- check     no account needed: build the deploy bundle (CI runs this)
set -euo pipefail
cd "$(dirname "$0")/.."

DB_NAME=sipwatch
# Wrangler's telemetry is opt-out; deploys and CI do not need it.
export WRANGLER_SEND_METRICS=false
PLACEHOLDER_ID=00000000-0000-0000-0000-000000000000

database_id() { sed -n 's/^database_id = "\(.*\)"/\1/p' wrangler.toml; }

require_database() {
  if [ "$(database_id)" = "$PLACEHOLDER_ID" ]; then
    echo "wrangler.toml still has the placeholder database_id: run 'npm run deploy -- setup' first" >&2
    exit 2
  fi
}

case "${1:-release}" in
  setup)
    if [ "$(database_id)" != "$PLACEHOLDER_ID" ]; then
      echo "wrangler.toml already names D1 database $(database_id); nothing to do"
      exit 0
    fi
    # D1 keeps its primary where it is created; put it near most customers (--location weur|enam|...).
    output=$(wrangler d1 create "$DB_NAME" ${D1_LOCATION:+--location "$D1_LOCATION"})
    echo "$output"
    id=$(printf '%s\n' "$output" | grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' | head -n1)
    if [ -z "$id" ]; then echo "could not read the new database id from wrangler's output" >&2; exit 1; fi
    sed -i.bak "s/^database_id = \"$PLACEHOLDER_ID\"/database_id = \"$id\"/" wrangler.toml && rm -f wrangler.toml.bak
    echo "wrangler.toml now names D1 database $id: commit it"
    ;;
  secrets)
    require_database
    # Sessions are signed with it; rotating it signs everyone out.
    openssl rand -base64 48 | tr -d '\n' | wrangler secret put BETTER_AUTH_SECRET
    if [ -n "${PUBLIC_URL:-}" ]; then printf '%s' "$PUBLIC_URL" | wrangler secret put PUBLIC_URL; fi
    ;;
  release)
    require_database
    # The dashboard ships as the Worker's static assets ([assets] in wrangler.toml).
    npm run build -w @sipwatch/web
    wrangler d1 migrations apply "$DB_NAME" --remote
    wrangler deploy
    ;;
  check)
    outdir=.wrangler/deploy-check
    rm -rf "$outdir"
    npm run build -w @sipwatch/web
    wrangler deploy --dry-run --outdir "$outdir"
    # Workers refuse scripts over 10 MB compressed (paid plan; 3 MB on free): print what we ship.
    node -e '
      const fs = require("node:fs"), zlib = require("node:zlib");
      const dir = process.argv[1];
      const files = fs.readdirSync(dir).filter((f) => /\.(m?js|wasm)$/.test(f));
      const bytes = files.reduce((n, f) => n + fs.statSync(`${dir}/${f}`).size, 0);
      const gz = files.reduce((n, f) => n + zlib.gzipSync(fs.readFileSync(`${dir}/${f}`)).length, 0);
      console.log(`deploy bundle: ${(bytes / 1024).toFixed(0)} KiB, ${(gz / 1024).toFixed(0)} KiB gzipped (limit 3 MiB free, 10 MiB paid)`);
      if (gz > 3 * 1024 * 1024) process.exit(1);
    ' "$outdir"
    ;;
  *)
    echo "usage: npm run deploy [-- setup|secrets|check]" >&2
    exit 2
    ;;
esac
