#!/usr/bin/env bash
# One command: set up everything the tests need (Python pins, Debian chromium) and run them all.
. "$(dirname "$0")/_venv.sh" requirements.txt requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian chromium for the browser tests" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "==> ruff" >&2
ruff check . && ruff format --check .
echo "==> pytest" >&2
exec python -m pytest "$@"
