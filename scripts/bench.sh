#!/usr/bin/env bash
# One command: set up (Python pins, Debian chromium), then measure time to map, click to details, payload and
# concurrent sessions against a one-line Streamlit app. Writes docs/benchmarks.md and docs/benchmarks.svg.
# Options go to scripts/bench.py: --quick (fewer repeats), --out PATH, --data BUILD_DIR, --loads N.
. "$(dirname "$0")/_venv.sh" requirements.txt requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian chromium for the browser measurements" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
exec python scripts/bench.py "$@"
