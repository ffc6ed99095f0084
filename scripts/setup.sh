#!/usr/bin/env bash
# Installs everything runclass needs on Debian 12 with Node 20, then builds nothing
# (TypeScript runs through tsx). Idempotent: quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

# Debian packages: a C++ toolchain to build better-sqlite3 (no prebuilt binaries offline);
# containerd and the runtimes the node agent drives; busybox-static for the offline images.
PACKAGES=(make g++ containerd runc crun runsc containernetworking-plugins busybox-static)
need=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || need+=("$pkg")
done
if [ "${#need[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# npm dependencies, only when the lockfile changed since the last install.
stamp=node_modules/.runclass-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "setup: npm ci"
  # Install scripts are allowed per package in package.json's allowScripts (npm 11 blocks the rest).
  npm ci --no-audit --no-fund
  node -e "require('better-sqlite3')" # fail here, not in the first test, if the native build failed
  cp package-lock.json "$stamp"
fi
# `kubectl runclass …` (a kubectl plugin on PATH); harmless without kubectl.
bash scripts/install-kubectl-plugin.sh || echo "setup: the kubectl plugin was not installed (see above); runclass itself works without it"
echo "setup: ready"
