#!/usr/bin/env bash
# Extract every message from the code into the template, then merge it into the Thai catalogue.
# New messages arrive in border_map.po with an empty msgstr; tests/app/test_i18n.py fails until they have Thai.
# Then check with: pybabel compile --check (run here) and pytest tests/app/test_i18n.py.
. "$(dirname "$0")/_venv.sh" requirements.txt
LOCALES=src/border_map/locales
mkdir -p "$LOCALES"
pybabel extract -F pyproject.toml -k _ -k tr -k N_ -k plural:1,2 --no-default-keywords \
  --sort-by-file --no-wrap --project border_map --copyright-holder "border_map" \
  -o "$LOCALES/border_map.pot" $(python -c 'from border_map.i18n import SOURCES; print(*SOURCES)')
if [ -f "$LOCALES/th/LC_MESSAGES/border_map.po" ]; then
  pybabel update -i "$LOCALES/border_map.pot" -d "$LOCALES" -D border_map -l th --no-wrap --no-fuzzy-matching --ignore-obsolete
else
  pybabel init -i "$LOCALES/border_map.pot" -d "$LOCALES" -D border_map -l th --no-wrap
fi
pybabel compile --statistics -i "$LOCALES/th/LC_MESSAGES/border_map.po" -o "$(mktemp)" -l th
