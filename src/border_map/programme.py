"""Programme facts and the five model-area stories, as data files in the package."""

from __future__ import annotations

import json
from functools import cache

from .paths import FACTS_JSON, STORIES_JSON


@cache
def facts() -> dict:
    return json.loads(FACTS_JSON.read_text(encoding="utf-8"))


@cache
def stories() -> tuple[dict, ...]:
    return tuple(json.loads(STORIES_JSON.read_text(encoding="utf-8")))
