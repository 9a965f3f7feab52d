"""Streamlit's built frontend as the page hints read it (hints.page_hints, hints.late_hints): which of its
JavaScript chunks the browser loads to show an element. The one place that knows how Streamlit lays out its
frontend files, which is no API of Streamlit's, as 1.67 does it:

- the files are in streamlit/static: index.html, and the chunks in static/js;
- index.html preloads the chunks every page needs, as `static/js/<name>.js`;
- an element's code is a chunk named `<Element>.<hash>.js` (BidiComponent, Selectbox, Button, PageLink...),
  which imports the chunks it needs as `from "./<name>.js"`.

An upgrade may change any of it. Then this module raises `ChunksChanged`: tests/unit/test_streamlit_chunks.py
fails on it, and the server logs it and sends no hints (they are a speed-up, never a requirement), rather than
the hints quietly becoming empty.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import streamlit

STATIC = Path(streamlit.__file__).parent / "static"
INDEX = STATIC / "index.html"
JS = STATIC / "static" / "js"
_PRELOADED = re.compile(r"static/js/([^\"]+\.js)")
_IMPORTED = re.compile(r'(?:from|import)\s*"\./([^"]+\.js)"')


class ChunksChanged(RuntimeError):
    """The installed Streamlit's frontend files are not laid out as this module expects."""


@functools.cache
def preloaded() -> frozenset[str]:
    """The chunks Streamlit's page preloads itself."""
    try:
        found = frozenset(_PRELOADED.findall(INDEX.read_text(encoding="utf-8")))
    except OSError as exc:
        raise ChunksChanged(f"Streamlit's page is not at {INDEX}: {exc}") from None
    if not found:
        raise ChunksChanged(f"{INDEX} preloads no static/js chunk")
    return found


def closure(element: str) -> tuple[str, ...]:
    """The chunk files the frontend loads, one after another, when it first shows `element` (its own chunk and
    what that imports, transitively), minus those the page already preloads. Raises `ChunksChanged` when no
    chunk is named for the element."""
    entries = sorted(JS.glob(f"{element}.*.js"))
    if not entries:
        raise ChunksChanged(f"no chunk named {element}.<hash>.js in {JS}")
    found: list[str] = []

    def visit(name: str) -> None:
        if name in found or not (JS / name).is_file():
            return
        found.append(name)
        for imported in _IMPORTED.findall((JS / name).read_text(encoding="utf-8")):
            visit(imported)

    for entry in entries:
        visit(entry.name)
    skip = preloaded()
    return tuple(name for name in found if name not in skip)


element_chunks = functools.cache(closure)  # the files do not change while the server runs
