#!/usr/bin/env bash
# One command: set up, get the boundaries if possible, build, and run the app.
# Without a mirror or internet the app still runs, on the embedded district points.
. "$(dirname "$0")/_venv.sh" requirements.txt
if python -m border_map fetch ${BORDER_MAP_MIRROR:+--mirror "$BORDER_MAP_MIRROR"} && python -m border_map build; then
  echo "==> boundaries installed and built" >&2
else
  echo "==> running on the embedded default (no boundaries): see the message above" >&2
fi
exec streamlit run app.py --server.port "${PORT:-8501}" "$@"
