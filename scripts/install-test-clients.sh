#!/usr/bin/env bash
# scripts/install-test-clients.sh: the real programs the integration tests open exports with:
#   Debian: graphviz (dot), python3-networkx, nodejs, npm, chromium (opens the HTML brief headless)
#   npm, in $FLGRAPH_CLIENTS (default /tmp/flgraph-clients): kuzu, @opensanctions/followthemoney,
#   playwright-core (drives chromium through the explorer; this version runs on Debian 12's Node 18)
# The tests find the npm packages through FLGRAPH_NODE_MODULES ($FLGRAPH_CLIENTS/node_modules).
# Does nothing when everything is there already.
set -euo pipefail
CLIENTS=${FLGRAPH_CLIENTS:-/tmp/flgraph-clients}
KUZU_VERSION=${KUZU_VERSION:-0.11.3}
FTM_VERSION=${FTM_VERSION:-4.5.2}
# Drives Debian's chromium for the explorer's browser tests; it downloads no browser of its own.
PLAYWRIGHT_VERSION=${PLAYWRIGHT_VERSION:-1.56.1}

need_apt=()
command -v dot >/dev/null || need_apt+=(graphviz)
/usr/bin/python3 -c 'import networkx' 2>/dev/null || need_apt+=(python3-networkx)
command -v node >/dev/null || need_apt+=(nodejs)
command -v npm >/dev/null || need_apt+=(npm)
command -v chromium >/dev/null || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-clients: missing packages: ${need_apt[*]}; run as root or install them with apt-get" >&2
    exit 1
  fi
  echo "install-test-clients: apt-get install ${need_apt[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

mkdir -p "$CLIENTS"
modules="require('$CLIENTS/node_modules/kuzu'); require('$CLIENTS/node_modules/@opensanctions/followthemoney'); require('$CLIENTS/node_modules/playwright-core')"
if ! node -e "$modules" 2>/dev/null; then
  echo "install-test-clients: npm install kuzu@$KUZU_VERSION @opensanctions/followthemoney@$FTM_VERSION playwright-core@$PLAYWRIGHT_VERSION in $CLIENTS" >&2
  [ -f "$CLIENTS/package.json" ] || echo '{ "name": "flgraph-test-clients", "private": true, "version": "0.0.0" }' > "$CLIENTS/package.json"
  (cd "$CLIENTS" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund "kuzu@$KUZU_VERSION" \
    "@opensanctions/followthemoney@$FTM_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" >&2)
fi
node -e "$modules" \
  || { echo "install-test-clients: kuzu, @opensanctions/followthemoney or playwright-core does not load" >&2; exit 1; }
