# Sourced by app.sh and test.sh: one virtual environment, installed from the pinned requirements.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv" >&2
  "$PYTHON" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
stamp=".venv/.installed-$(cat "$@" pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing pinned requirements ($*)" >&2
  python -m pip install --quiet --upgrade pip
  for req in "$@"; do python -m pip install --quiet -r "$req"; done
  python -m pip install --quiet --no-deps -e .
  touch "$stamp"
fi
# The fallback the app reads when no boundaries are built: made here from the packaged table and district
# points (derived from the boundary layers, so generated, never committed; deterministic, pinned in the
# package's catalogue.json).
if [ ! -f src/border_map/data/points/manifest.json ]; then
  echo "==> making the packaged points build" >&2
  python -m border_map points --from-csv
fi
# Use the mirror beside the project when nobody said otherwise (CI and this workplace have one).
if [ -z "${BORDER_MAP_MIRROR:-}" ] && [ -d "$ROOT/../shared/geodata" ]; then
  export BORDER_MAP_MIRROR="$ROOT/../shared/geodata"
fi
