"""Programme facts and the five model-area stories, as data files in the package."""

from __future__ import annotations

import json
from functools import cache

from border_map.i18n import N_
from border_map.paths import FACTS_JSON, STORIES_JSON

THEMES = {
    "security": N_("security"),
    "health": N_("health"),
    "education": N_("education"),
    "labour": N_("labour"),
    "environment": N_("environment"),
}


@cache
def facts() -> dict:
    return json.loads(FACTS_JSON.read_text(encoding="utf-8"))


@cache
def stories() -> tuple[dict, ...]:
    return tuple(json.loads(STORIES_JSON.read_text(encoding="utf-8")))


def localised(item: dict, key: str, lang: str) -> str:
    """`summary_th` in Thai when the data has it, else the English `summary` (the source text)."""
    if lang != "en" and item.get(f"{key}_{lang}"):
        return item[f"{key}_{lang}"]
    return item.get(key, "")
