"""The overview's headline figures: a row of label, value and explanation, drawn as plain text.

`st.metric` would do, but each Streamlit element type is a separate piece of JavaScript the browser fetches
the first time a page shows one, and React holds every element that has arrived (the map included) until the
last of them is loaded. The figures are the overview's only metrics, so they cost the map the wait for the
metric code and its number-formatting libraries (docs/benchmarks.md). Here they are a small
`st.components.v2` component (figures.js) on the component code the map already loads; the values come
formatted from the translator, and are set as text, never parsed as HTML or Markdown.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from border_map.model.briefing import Figure
from border_map.web.components.base import component_js, packed

COMPONENT = "border_map.figures"
_JS = component_js("figures.js", "draw_links.js")
_CSS = """
.bm-figures { display: flex; flex-wrap: wrap; gap: .5rem 2.25rem; margin: .1rem 0 .2rem; }
.bm-figure { position: relative; min-width: 7rem; outline: none; }
.bm-figure-label { font-size: .875rem; color: rgba(49, 51, 63, .8); display: flex; align-items: center; gap: .3rem; }
.bm-figure-mark { display: inline-flex; width: 1rem; height: 1rem; border-radius: 50%; font-size: .7rem;
  justify-content: center; align-items: center; border: 1px solid rgba(49, 51, 63, .45); color: rgba(49, 51, 63, .6);
  font-weight: 600; cursor: help; }
.bm-figure-value { font-size: clamp(1.15rem, 1.8vw, 1.85rem); line-height: 1.25; white-space: normal; }
.bm-figure-help { display: none; position: absolute; z-index: 1000; left: 0; top: 100%; width: max-content;
  max-width: min(22rem, 80vw); padding: .45rem .6rem; border-radius: .4rem; background: #31333f; color: #fff;
  font-size: .8rem; line-height: 1.35; box-shadow: 0 2px 8px rgba(0, 0, 0, .2); }
.bm-figure:hover .bm-figure-help, .bm-figure:focus .bm-figure-help { display: block; }
.bm-figure:focus-visible { outline: 2px solid #0072B2; outline-offset: 3px; border-radius: 2px; }
"""
_figures = st.components.v2.component(COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


def show(
    figures: Sequence[Figure], *, key: str, label: str, intro: str | None = None, downloads: dict | None = None
) -> None:
    """The figures in one row, wrapping on narrow screens, each figure's note shown on hover, on keyboard focus
    and on a tap; `label` names the group for screen readers. `intro`
    (small print above) and `downloads` (the briefing links that end it, downloads.briefing_links) are drawn by
    the same element: each element of its own is one more message to every viewer of the overview
    (docs/benchmarks.md)."""
    shown = [{"label": f.label, "value": f.value, "help": f.note or None} for f in figures]
    data = {"label": label, "figures": shown, "intro": intro, "downloads": downloads}
    _figures(key=key, data=packed(data))
