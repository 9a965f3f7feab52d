"""Programme facts and the five model-area stories, as data files in the package."""

from __future__ import annotations

import json
from functools import cache

from border_map.i18n import N_, translator
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


@cache
def geoboundaries_citation() -> str:
    """The paper geoBoundaries asks its users to cite (boundaries.json), cited as published."""
    return json.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))["_meta"]["geoboundaries_citation"]


def source_text(source: dict, key: str, lang: str) -> str:
    """A boundary layer's `attribution` or `source` line (a build's `sources` record) in the reader's language.
    A build records the English lines it was made with; the Thai comes from the packaged catalogue
    (boundaries.json, `attribution_th`, `source_th`), and only when that catalogue's English line is the
    build's, so a Thai line never describes another version of the layer than the build used."""
    if source.get("supplied"):
        return _supplied_text(source, key, lang)
    text = source.get(key, "")
    if lang == "en":
        return text
    if source.get(f"{key}_{lang}"):
        return source[f"{key}_{lang}"]
    packaged = _layers().get(source.get("id", ""), {})
    if packaged.get(key) == text and packaged.get(f"{key}_{lang}"):
        return packaged[f"{key}_{lang}"]
    return text


SUPPLIED_ATTRIBUTION = N_("{layer}: supplied by the user ({file})")
SUPPLIED_SOURCE = N_("Supplied by the user: {file} (sha256 {sha256}), in place of: {source}")


def _supplied_text(source: dict, key: str, lang: str) -> str:
    """A layer the user supplied (build --boundary), said in the reader's language: the catalogued layer's
    name (the attribution's words before the colon) and the user's file; its source line also names the
    catalogued source it replaced."""
    tr, supplied = translator(lang), source["supplied"]
    packaged = _layers().get(source.get("id", ""), {})
    if key == "attribution":
        catalogued = packaged.get(f"attribution_{lang}") or packaged.get("attribution") or source.get("id", "")
        return tr(SUPPLIED_ATTRIBUTION, layer=catalogued.split(": ", 1)[0], file=supplied["file"])
    if key == "source":
        replaced = packaged.get(f"source_{lang}") or packaged.get("source") or source.get("id", "")
        return tr(SUPPLIED_SOURCE, file=supplied["file"], sha256=supplied["sha256"][:12] + "…", source=replaced)
    return source.get(key, "")
