"""Programme facts and the five model-area stories, as data files in the package."""

from __future__ import annotations

import json
from functools import cache

from border_map.i18n import N_
from border_map.paths import CATALOGUE_PATH, FACTS_JSON, STORIES_JSON

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


@cache
def _layers() -> dict[str, dict]:
    """The packaged boundary catalogue's layers by id: their Thai attribution and source lines."""
    return {layer["id"]: layer for layer in json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))["layers"]}


def source_text(source: dict, key: str, lang: str) -> str:
    """A boundary layer's `attribution` or `source` line (a build's `sources` record) in the reader's language.
    A build records the English lines it was made with; the Thai comes from the packaged catalogue
    (boundaries.json, `attribution_th`, `source_th`), and only when that catalogue's English line is the
    build's, so a Thai line never describes another version of the layer than the build used."""
    text = source.get(key, "")
    if lang == "en":
        return text
    if source.get(f"{key}_{lang}"):
        return source[f"{key}_{lang}"]
    packaged = _layers().get(source.get("id", ""), {})
    if packaged.get(key) == text and packaged.get(f"{key}_{lang}"):
        return packaged[f"{key}_{lang}"]
    return text
