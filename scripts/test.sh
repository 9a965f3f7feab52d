#!/usr/bin/env bash
# One command: set up everything the tests need (Python pins; Debian chromium-headless-shell for the browser
# tests, poppler-utils for the PDF checks, nginx for the deployment's) and run them all.
. "$(dirname "$0")/_venv.sh" requirements.txt requirements-test.txt
missing=()
[ -x /usr/bin/chromium-headless-shell ] || missing+=(chromium-headless-shell)
command -v pdftotext >/dev/null && command -v pdftocairo >/dev/null || missing+=(poppler-utils)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing Debian ${missing[*]} for the tests" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
echo "==> ruff" >&2
ruff check . && ruff format --check .
echo "==> import contracts (pyproject.toml)" >&2
lint-imports
echo "==> pytest" >&2
# Two workers: the suite is half browser and server tests that wait on Chromium and Streamlit, so two share
# this 2-core machine well (611 tests: 350 s in one process, 255 s in two). A module stays on one worker
# (--dist loadfile), so its one server per module stays one; modules go out longest kind first (tests/conftest.py,
# KINDS). BORDER_MAP_TEST_WORKERS=0 runs them in this process.
exec python -m pytest -n "${BORDER_MAP_TEST_WORKERS:-2}" --dist loadfile --no-loadscope-reorder "$@"
