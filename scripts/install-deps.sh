#!/usr/bin/env bash
# scripts/install-deps.sh: install the Debian 12 packages flgraph builds and tests with (as root).
# Does nothing when everything is already there, so repeated runs are fast and offline.
# graphviz brings the layout and render plugins (and their config) that libgvc loads at run time.
# --checks adds the tools .ci/run checks the code with (clang-format, clang-tidy).
set -euo pipefail

packages=(
  ca-certificates cmake ninja-build g++ pkg-config python3
  libboost-graph-dev libsqlite3-dev nlohmann-json3-dev libgraphviz-dev graphviz
  libcli11-dev libfmt-dev libssl-dev libsodium-dev libmagic-dev libxxhash-dev libpugixml-dev libicu-dev libcpp-httplib-dev libarchive-dev libabsl-dev googletest libgtest-dev libgmock-dev libbenchmark-dev
)
if [ "${1:-}" = --checks ]; then
  packages+=(clang-format clang-tidy)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root or install them with apt-get" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
