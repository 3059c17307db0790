#!/usr/bin/env bash
# Deploying sipwatch to Cloudflare (see infra/DEPLOY.md). Run through npm so the pinned
# wrangler and Node 22 are used:
#   npm run deploy -- setup     once, and after adding a history shard: create every D1 database
#                               wrangler.toml names with a placeholder id (the control database and
#                               each history shard), write their ids in, create the audit queues
#   npm run deploy -- secrets   once, and to rotate: BETTER_AUTH_SECRET (generated), PUBLIC_URL
#   npm run deploy              every release: apply migrations remotely to every database, then deploy
#   npm run deploy -- check     no account needed: build the deploy bundle (CI runs this)
set -euo pipefail
cd "$(dirname "$0")/.."

# Wrangler's telemetry is opt-out; deploys and CI do not need it.
export WRANGLER_SEND_METRICS=false
# Placeholders in wrangler.toml: 00000000-0000-0000-0000-0000000000NN, one per database.
PLACEHOLDER='00000000-0000-0000-0000-0000000000[0-9][0-9]'
QUEUES="sipwatch-audits sipwatch-audits-dlq"

# "name id" for every [[d1_databases]] block: the control database, then the history shards.
databases() {
  awk -F'"' '/^database_name = /{name=$2} /^database_id = /{print name, $2}' wrangler.toml
}

require_databases() {
  if databases | grep -qE " $PLACEHOLDER\$"; then
    echo "wrangler.toml still has a placeholder database_id: run 'npm run deploy -- setup' first" >&2
    databases | grep -E " $PLACEHOLDER\$" >&2
    exit 2
  fi
}

case "${1:-release}" in
  setup)
    # An array, not a pipe: wrangler may prompt and must not read the list as its answers.
    mapfile -t rows < <(databases)
    for row in "${rows[@]}"; do
      name=${row% *} id=${row#* }
      if ! printf '%s' "$id" | grep -qE "^$PLACEHOLDER\$"; then
        echo "$name: already database $id"
        continue
      fi
      # D1 keeps its primary where it is created; put it near most customers (--location weur|enam|...).
      output=$(wrangler d1 create "$name" ${D1_LOCATION:+--location "$D1_LOCATION"})
      echo "$output"
      new=$(printf '%s\n' "$output" | grep -oE '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}' | head -n1)
      if [ -z "$new" ]; then echo "could not read the id of $name from wrangler's output" >&2; exit 1; fi
      sed -i.bak "s/^database_id = \"$id\"/database_id = \"$new\"/" wrangler.toml && rm -f wrangler.toml.bak
      echo "$name: wrangler.toml now names database $new (commit it)"
    done
    # The minute's audit messages and their dead letters (wrangler.toml [[queues]]).
    for queue in $QUEUES; do
      wrangler queues info "$queue" >/dev/null 2>&1 || wrangler queues create "$queue"
    done
    ;;
  secrets)
    require_databases
    # Sessions are signed with it; rotating it signs everyone out.
    openssl rand -base64 48 | tr -d '\n' | wrangler secret put BETTER_AUTH_SECRET
    if [ -n "${PUBLIC_URL:-}" ]; then printf '%s' "$PUBLIC_URL" | wrangler secret put PUBLIC_URL; fi
    ;;
  release)
    require_databases
    # The dashboard ships as the Worker's static assets ([assets] in wrangler.toml).
    npm run build -w @sipwatch/web
    # Every database takes the same migrations (a shard's control tables stay empty), before the
    # Worker that expects them.
    mapfile -t rows < <(databases)
    for row in "${rows[@]}"; do wrangler d1 migrations apply "${row% *}" --remote; done
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
