"""The overview's heading and headline figures: a row of label, value and explanation, drawn as plain text.

`st.metric` would do, but each Streamlit element type is a separate piece of JavaScript the browser fetches
the first time a page shows one, and React holds every element that has arrived (the map included) until the
last of them is loaded. The figures are the overview's only metrics, so they cost the map the wait for the
metric code and its number-formatting libraries (docs/benchmarks.md). Here they are a small
`st.components.v2` component (figures.js) on the component code the map already loads; the values come
formatted from the translator, and are set as text, never parsed as HTML or Markdown. The page's heading is
drawn here too, for the same reason: `st.title` was the only Markdown of the overview's first screen, and Streamlit's
Markdown renderer, set up on its first use, cost the map about 20 ms of every load (Chrome's CPU profile).
"""

from __future__ import annotations

from collections.abc import Sequence

from border_map.model.briefing import Figure
from border_map.web.components.base import component, packed

COMPONENT = "border_map.figures"
_figures = component("figures")  # its look: page.css


def show(
    figures: Sequence[Figure],
    *,
    key: str,
    label: str,
    title: str | None = None,
    intro: str | None = None,
    downloads: dict | None = None,
) -> None:
    """The figures in one row, wrapping on narrow screens, each figure's note shown on hover, on keyboard focus
    and on a tap; `label` names the group for screen readers. `title` (the page's heading, an h1), `intro`
    (small print above) and `downloads` (the briefing links that end it, downloads.briefing_links) are drawn by
    the same element: each element of its own is one more message to every viewer of the overview, and
    `st.title` in particular costs the map the first use of Streamlit's Markdown renderer (docs/benchmarks.md)."""
    shown = [{"label": f.label, "value": f.value, "help": f.note or None} for f in figures]
    data = {"label": label, "figures": shown, "title": title, "intro": intro, "downloads": downloads}
    _figures(key=key, data=packed(data))
