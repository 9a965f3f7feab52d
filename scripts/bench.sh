#!/usr/bin/env bash
# One command: set up (Python and test pins, Locust among them; Debian chromium), then measure against a
# one-line Streamlit app: build time, time to map per page (and a map-only page, a naive folium page, the
# exported HTML), the first visitor of a freshly started server (cold start), click to details, next slide,
# payload, a pool of browsers at once, load with Locust at 1-50 sessions, and server memory. Writes
# docs/benchmarks.md, docs/benchmarks.svg and docs/benchmarks-memory.svg.
# Options go to `python -m scripts.bench` (scripts/bench/): --quick (fewer repeats and levels), --out PATH,
# --data BUILD_DIR, --loads N, --cold-starts N, --only cold-start|load|time-to-map (that section alone, printed,
# no report; time-to-map: the map pages, the map-only page and the floor with Nagle off against the floor).
. "$(dirname "$0")/_venv.sh" requirements.txt requirements-test.txt
if [ ! -x /usr/bin/chromium ]; then
  echo "==> installing Debian chromium for the browser measurements" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# From the project root (_venv.sh went there), as a module: `tests.support` and `scripts.load` import by name.
exec python -m scripts.bench "$@"
