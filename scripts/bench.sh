#!/usr/bin/env bash
# One command: set up (Python and test pins, Locust among them; Debian chromium), then measure against a
# one-line Streamlit app: build time, time to map per page (and a map-only page, a naive folium page, the
# exported HTML), click to details, next slide, payload, a pool of browsers at once, load with Locust at 1-50
# sessions, and server memory. Writes docs/benchmarks.md, docs/benchmarks.svg and docs/benchmarks-memory.svg.
# Options go to scripts/bench.py: --quick (fewer repeats and levels), --out PATH, --data BUILD_DIR, --loads N.
. "$(dirname "$0")/_venv.sh" requirements.txt requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian chromium for the browser measurements" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
exec python scripts/bench.py "$@"
