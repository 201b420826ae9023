#!/usr/bin/env bash
# Set up everything the course needs, idempotently: a virtual environment from the lock,
# the package itself (editable), the browser assets the book serves (npm, from the lock),
# and, with --test, Debian's chromium for the browser tests.
# Re-running is cheap: each step is skipped when its inputs have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

want_browser=0
[ "${1:-}" = "--test" ] && want_browser=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

PY=${PYTHON:-python3}
command -v "$PY" >/dev/null || die "Python 3.11 or newer is needed (no '$PY' on PATH)."
"$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Python 3.11 or newer is needed; '$PY' is $("$PY" --version 2>&1)."

UV_VERSION=0.9.5   # pinned: the installer that reads requirements/dev.lock
stamp=.venv/.kf-installed
lock_sum=$(cat requirements/dev.lock pyproject.toml | sha256sum | cut -c1-16)

if [ ! -x .venv/bin/python ]; then
  say "Creating .venv"
  "$PY" -m venv .venv
fi
if [ ! -x .venv/bin/uv ]; then
  say "Installing uv $UV_VERSION into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  say "Installing Python packages from requirements/dev.lock"
  VIRTUAL_ENV=$PWD/.venv .venv/bin/uv pip sync --quiet requirements/dev.lock
  VIRTUAL_ENV=$PWD/.venv .venv/bin/uv pip install --quiet --no-deps -e .
  echo "$lock_sum" > "$stamp"
fi

npm_sum=$(cat package.json package-lock.json | sha256sum | cut -c1-16)
if [ "$(cat node_modules/.kf-installed 2>/dev/null)" != "$npm_sum" ]; then
  command -v npm >/dev/null || die "npm (Node.js) is needed to fetch the widget scripts the book serves itself."
  say "Installing browser assets from package-lock.json"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  echo "$npm_sum" > node_modules/.kf-installed
fi

# The role-play player's bundles (kfcourse/web/dist), rebuilt only when a source is newer.
if ! node scripts/build-web.mjs --check; then
  say "Bundling the role-play player (esbuild)"
  node scripts/build-web.mjs
fi

if [ "$want_browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "Installing Debian's chromium for the browser tests"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium fonts-liberation >/dev/null
  else
    die "the browser tests need Debian's chromium at /usr/bin/chromium: run 'sudo apt-get install -y chromium fonts-liberation'."
  fi
fi
say "Setup complete"
