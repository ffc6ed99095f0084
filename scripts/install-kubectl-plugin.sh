#!/usr/bin/env bash
# Installs the kubectl plugin: a symlink named kubectl-runclass in a PATH directory
# (default /usr/local/bin; override with KUBECTL_PLUGIN_DIR) pointing at this repo's
# bin/kubectl-runclass, so `kubectl runclass explain pod X` works. Idempotent: a
# correct link is left alone, a stale link is replaced, a foreign file is not touched.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd -P)
src="$repo/bin/kubectl-runclass"
dir=${KUBECTL_PLUGIN_DIR:-/usr/local/bin}
dst="$dir/kubectl-runclass"

SUDO=""
if [ ! -w "$dir" ] && [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

chmod +x "$src"
if [ -L "$dst" ] && [ "$(readlink "$dst")" = "$src" ]; then
  echo "kubectl plugin: $dst already points at $src"
  exit 0
fi
if [ -e "$dst" ] && [ ! -L "$dst" ]; then
  echo "kubectl plugin: $dst exists and is not a symlink; leaving it alone (remove it to install)" >&2
  exit 1
fi
$SUDO mkdir -p "$dir"
$SUDO ln -sfn "$src" "$dst"
echo "kubectl plugin: installed $dst -> $src"
case ":$PATH:" in
  *":$dir:"*) ;;
  *) echo "kubectl plugin: note: $dir is not on PATH; add it so kubectl finds kubectl-runclass" >&2 ;;
esac
