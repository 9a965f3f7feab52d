"""What the benchmark measures: the pages, the one-line floor, the references, and what 'ready' means on each.

Plain data, imported by every other module of the benchmark and by the Locust users (scripts/load), which must
not pull in Playwright or the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the project root: servers, `python -m border_map` and git run there
FLOOR_TEXT = "hello border"
CLICK = {"district": "Chiang Khan", "pair": "08-1", "text": "Pair 08-1", "target_s": 1.0}
MAP_COMPONENT = "border_map.map"  # map_widget.COMPONENT: the app's map widget, a Streamlit bidi component
MAP_PANEL_COMPONENT = "border_map.map_panel"  # map_widget.PANEL_COMPONENT: the same with Explore's panel beside it


@dataclass(frozen=True)
class PageSpec:
    """One page to measure: where it lives, what 'ready' means on it, and its target."""

    name: str
    path: str
    ws_page: str  # the url_pathname the frontend sends in ClientState.page_name
    ws_query: str
    text: str | None = None  # ready when this text is visible; None: ready when the map is drawn
    target_ratio: float | None = None
    frame: bool = False  # the map is in st_folium's iframe (the naive page only); False: in the page itself
    widget: bool = True  # the map is the app's widget (map_widget.js, `window.bmMap`); False: another Leaflet map
    what: str = ""  # what the page is, for the report


@dataclass(frozen=True)
class Target:
    """A page to load: its spec, its full URL (a server's or a file's) and how many paths mean 'drawn'."""

    spec: PageSpec
    url: str
    min_paths: int


PAGES = (
    PageSpec("overview", "/", "", "", target_ratio=1.1),
    PageSpec("explore", "/explore?province=Loei", "explore", "province=Loei", target_ratio=1.5),
    PageSpec("stories", "/stories", "stories", "", target_ratio=1.5),
    PageSpec("data", "/data", "data", "", text="What the build found"),
)
FLOOR = PageSpec("floor", "/", "", "", text=FLOOR_TEXT)
# An explorer's session is two runs (open, then another province); its floor is the one-line app's session
# doing the same: opened, then run again with a new query string.
FLOOR_CHANGE = PageSpec("floor", "/?change=1", "", "change=1", text=FLOOR_TEXT)
FLOOR_TWICE = "floor: open + change"
MAP_ONLY = PageSpec("map only", "/", "", "", what="one-file script calling only `map_widget.show` (overview view)")
# The floor's one line served with app.py's socket setting (socket_options: Nagle's algorithm off): a reference, so
# the report shows how much of the app's margin that setting gives and how the app compares without it.
FLOOR_NODELAY = PageSpec(
    "floor, Nagle off",
    "/",
    "",
    "",
    text=FLOOR_TEXT,
    what="the one-line app with app.py's socket setting (`socket_options`)",
)
NAIVE = PageSpec(
    "naive", "/", "", "", frame=True, widget=False, what="folium + `st_folium`, the three national district layers"
)
STATIC = PageSpec("static HTML", "", "", "", widget=False, what="`export html --view overview`, from file://")
