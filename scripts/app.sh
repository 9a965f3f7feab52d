#!/usr/bin/env bash
# One command: set up, get the boundaries if possible, build, and run the app.
# Without a mirror or internet the app still runs, on the embedded district points.
. "$(dirname "$0")/_venv.sh" requirements.txt
if python -m border_map fetch ${BORDER_MAP_MIRROR:+--mirror "$BORDER_MAP_MIRROR"} && python -m border_map build; then
  echo "==> boundaries installed and built" >&2
else
  echo "==> running on the embedded default (no boundaries): see the message above" >&2
fi
# Loopback only, unless asked to share on the local network for a workshop: bash scripts/app.sh --share
ADDRESS=127.0.0.1
if [ "${1:-}" = "--share" ]; then
  shift
  ADDRESS=0.0.0.0
  echo "==> sharing on the local network: other devices open http://<this machine's address>:${PORT:-8501}" >&2
fi
exec streamlit run app.py --server.address "$ADDRESS" --server.port "${PORT:-8501}" "$@"
