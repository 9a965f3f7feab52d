"""Benchmarks for border_map: time to map, click to details, next slide, payload, load and memory.

Run by scripts/bench.sh. It builds the boundary layers into a temporary directory (from the local mirror),
starts its own Streamlit servers on free loopback ports (the app; a one-line "floor" app that shows what
Streamlit itself costs; a "map-only" page that calls only the app's map widget; a "naive" page that draws the
three national district layers with folium and st_folium) and exports the overview as static HTML. It drives
Debian Chromium through Playwright with every non-local request blocked (one page at a time, then a small pool
of browsers at once), and loads the servers with Locust users that speak Streamlit's websocket protocol
(scripts/load/). It writes docs/benchmarks.md and SVG plots beside it.

It is a report, not a test: the exit status is 0 whether or not the targets are met.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import datetime as dt
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from urllib.parse import quote

import websockets
from playwright.async_api import async_playwright
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import browser_support  # noqa: E402 - the browser and servers the tests use, started the same way
from browser_support import CHROMIUM, LAUNCH_ARGS, MAP_BOX  # noqa: E402

VIEWPORT = {"width": 1400, "height": 1000}
NAIVE_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'  # st_folium's iframe: the naive page's map only
MAP_COMPONENT = "border_map.map"  # map_widget.COMPONENT: the app's map widget, a Streamlit bidi component
MAP_PANEL_COMPONENT = "border_map.map_panel"  # map_widget.PANEL_COMPONENT: the same with Explore's panel beside it
FLOOR_TEXT = "hello border"
FLOOR_APP = f'import streamlit as st\n\nst.write("{FLOOR_TEXT}")\n'
# Any URL that is not this machine (data:, blob:, about: and file: never reach the network: not counted).
NOT_LOCAL = re.compile(r"^(?!data:|blob:|about:|file:|(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$))")
# The live map: the Leaflet map the app's map widget (map_widget.js) names `window.bmMap`, drawn in the page itself,
# while its container is still in the page (a new view replaces it). A JavaScript expression, null when absent.
LIVE_MAP = "(window.bmMap && window.bmMap._loaded && window.bmMap.getContainer().isConnected ? window.bmMap : null)"
MAP_WAIT_MS = 45_000
CLICK_WAIT_MS = 10_000
CLICK = {"district": "Chiang Khan", "pair": "08-1", "text": "Pair 08-1", "target_s": 1.0}
LEVELS = (1, 5, 10, 20, 50)
QUICK_LEVELS = (1, 5, 20)
CONCURRENCY_TARGET = 2.0  # overview and explore p95 at the highest level, as a multiple of the floor's p95 there
WS_TIMEOUT_S = 90.0
POOL_SIZE = 5  # browsers opening a page at once
SEQUENTIAL = (200, 20)  # sessions one after another, and the RSS sampling interval
QUICK_SEQUENTIAL = (40, 10)
FLAT_MB = 10.0  # "flat": the last quarter's RSS within this of the first quarter's
# A map page's run carries the map widget's data (folium's Leaflet script and legend; the shapes load as files).
# Measured on this build with one websocket session per page (Streamlit 1.67): an overview run is 29.9-30.6 KB,
# its border_map.map delta 24.0 KB; explore runs (all 32 provinces, open and change) 31.8-34.7 KB, their map
# delta 22.4-24.0 KB; the overview without that delta would be about 6 KB. Under this: an empty page.
MAP_MIN_BYTES = 20_000


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
    PageSpec("overview", "/", "", "", target_ratio=1.3),
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

# One-file scripts the benchmark writes into its temporary directory and serves from the project root, like
# the floor. Each declares an st.App with the app's own routes (as app.py does) when Streamlit imports it,
# so Leaflet is served where `use_local_leaflet` points; each page view runs it as __main__. The map-only
# page also gets the app's middleware (hints.PageHints: Leaflet and Streamlit's component code announced
# in the page's head), as app.py declares it: it is the app's map widget as the app serves it.
SCRIPT_ROUTES = """else:
    import routes  # the app's routes (app.py): Leaflet, the font, the map layers

    app = st.App(__file__, routes=routes.routes())
"""
SCRIPT_ROUTES_AND_HINTS = """else:
    import routes  # the app's routes and middleware (app.py): Leaflet, the font, the map layers, page hints
    from border_map.web.server import socket_options

    socket_options.listen_without_delay()  # as app.py does
    app = st.App(__file__, routes=routes.routes(), middleware=routes.middleware())
"""
MAP_ONLY_APP = (
    '''"""Map only (written by scripts/bench.py): the overview's map widget and nothing else."""

import streamlit as st

if __name__ == "__main__":
    from border_map.web import data_cache
    from border_map.web.components import map_widget
    from border_map.render import maps

    st.set_page_config(layout="wide")
    map_widget.show(data_cache.dataset(), maps.MapView(border="both", story_markers=True, lang="en"), page="overview")
'''
    + SCRIPT_ROUTES_AND_HINTS
)
FLOOR_NODELAY_APP = f'''"""The floor with app.py's socket setting (written by scripts/bench.py)."""

import streamlit as st

if __name__ == "__main__":
    st.write("{FLOOR_TEXT}")
else:
    from border_map.web.server import socket_options

    socket_options.listen_without_delay()
    app = st.App(__file__)
'''
NAIVE_APP = (
    '''"""The naive page (written by scripts/bench.py): the three national district layers drawn by folium and
shown with st_folium, read and rendered on every run, as a first-time user would write it. No tiles, and
Leaflet made local: the benchmark blocks every other host."""

import streamlit as st

LAYERS = %s

if __name__ == "__main__":  # imported inside: a component declared while Streamlit looks for st.App is lost
    import json

    import folium
    from streamlit_folium import st_folium

    from border_map.render.offline import use_local_leaflet

    st.set_page_config(layout="wide")
    m = use_local_leaflet(folium.Map(location=[15.5, 103.0], zoom_start=6, tiles=None))
    for path in LAYERS:
        with open(path, encoding="utf-8") as file:
            folium.GeoJson(json.load(file)).add_to(m)
    st_folium(m, height=700, use_container_width=True)
'''
    + SCRIPT_ROUTES
)

# Ready predicates, evaluated in the page on every animation frame.
# The app's map widget (the app's map pages, the map-only page): the live Leaflet map, loaded, in the page, in
# a box taller than 100 px that holds at least minPaths paths.
WIDGET_READY_JS = f"""(minPaths) => {{
  const map = {LIVE_MAP};
  if (!map) return false;
  const box = map.getContainer().closest('{MAP_BOX}');
  if (!box || box.getBoundingClientRect().height <= 100) return false;
  const paths = box.querySelectorAll('.leaflet-overlay-pane path').length;
  return paths >= minPaths ? paths : false;
}}"""
# The naive page: st_folium's iframe is same-origin, so its document is readable from the page; the last
# iframe is the live one after a rerun swaps it.
IFRAME_READY_JS = """([selector, minPaths]) => {
  const frames = document.querySelectorAll(selector);
  const frame = frames[frames.length - 1];
  if (!frame || !frame.contentDocument) return false;
  if (frame.getBoundingClientRect().height <= 100) return false;
  const paths = frame.contentDocument.querySelectorAll('.leaflet-overlay-pane path').length;
  return paths >= minPaths ? paths : false;
}"""
# The exported HTML: Leaflet in the top document, no iframe.
PAGE_MAP_READY_JS = """(minPaths) => {
  const map = document.querySelector('.leaflet-container');
  if (!map || map.getBoundingClientRect().height <= 100) return false;
  const paths = document.querySelectorAll('.leaflet-overlay-pane path').length;
  return paths >= minPaths ? paths : false;
}"""
TEXT_READY_JS = """(text) => {
  const xpath = `//*[text()[normalize-space(.)=${JSON.stringify(text)}]]`;
  const found = document.evaluate(xpath, document, null, XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null);
  for (let i = 0; i < found.snapshotLength; i++) {
    const el = found.snapshotItem(i);
    if (el.checkVisibility() && el.getBoundingClientRect().height > 0) return true;
  }
  return false;
}"""
# Installed only in traced loads: records (epoch ms, first time only) when the map appears, is sized, loads
# Leaflet and draws, polled from the top frame on every animation frame. The app's map widget is drawn in the
# page itself: its element (a Streamlit bidi component), its box, `window.L`, `window.bmMap` and its paths.
# The naive page's map is in st_folium's iframe, whose window is reused from its initial about:blank
# document, so an observer installed inside the iframe would miss the map: it is read from the top frame too.
MARKS_JS = """(() => {
  if (window !== window.top) return;
  const cfg = %s;
  const marks = window.__bmMarks = {};
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.timeOrigin + performance.now(); };
  const stop = performance.now() + 60000;
  const paths = (root) => {
    const n = root.querySelectorAll('.leaflet-overlay-pane path').length;
    if (n > 0) mark('first SVG path drawn');
    if (n >= cfg.minPaths) mark(`${cfg.minPaths} paths drawn (the ready count)`);
    if (n >= cfg.allPaths) mark(`all ${cfg.allPaths} paths drawn`);
  };
  const widget = () => {
    if (document.querySelector('[data-testid^="stBidiComponent"]')) mark('map component element inserted');
    const box = document.querySelector(cfg.box);
    if (box && box.getBoundingClientRect().height > 100) mark(`map box (${cfg.box}) sized > 100 px`);
    if (window.L) mark('Leaflet library evaluated (window.L)');
    const map = window.bmMap;
    if (map && map.getContainer().isConnected) {
      mark('Leaflet map created (window.bmMap)');
      const own = map.getContainer().closest(cfg.box);
      if (own) paths(own);
    }
  };
  const iframe = () => {
    const frames = document.querySelectorAll(cfg.iframe);
    const frame = frames[frames.length - 1];
    if (!frame) return;
    mark('component iframe element inserted');
    if (frame.getBoundingClientRect().height > 100) mark('component iframe sized > 100 px');
    const doc = frame.contentDocument;
    if (doc && doc.URL !== 'about:blank' && doc.body) {
      mark('component document has a body');
      if (frame.contentWindow.L) mark('Leaflet library evaluated in the iframe');
      if (doc.querySelector('.leaflet-container')) mark('Leaflet map created');
      paths(doc);
    }
  };
  const poll = () => {
    if (cfg.iframe) iframe(); else if (cfg.widget) widget();
    if (cfg.text && document.body && document.body.innerText.includes(cfg.text)) mark(`text "${cfg.text}" in page`);
    if (performance.now() < stop) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();"""


# ---------------------------------------------------------------- servers and data

STARTED = time.perf_counter()


def say(message: str) -> None:
    """Progress on stderr, with the minutes since the benchmark started."""
    minutes, seconds = divmod(round(time.perf_counter() - STARTED), 60)  # whole seconds: never "02:60"
    print(f"[{minutes:02d}:{seconds:02d}] {message}", file=sys.stderr, flush=True)


def rss_mb(pid: int) -> float | None:
    """Resident memory of a server process (VmRSS), the number an operator would watch."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else None


class Server(browser_support.Server):
    """The tests' server (`streamlit run` on a free loopback port, run from the project root, as a user would
    start it), plus what the benchmark reads of it: its memory."""

    def __init__(self, script: Path, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()):
        super().__init__(ROOT, script, env, log, extra, wait_s=90)

    def rss_mb(self) -> float | None:
        return rss_mb(self.proc.pid)


def run_cli(*args: str, env: dict[str, str] | None = None) -> float:
    """`python -m border_map ...` exactly as the README says, timed (wall clock, interpreter start included);
    a failure stops the benchmark with its message."""
    started = time.perf_counter()
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments, no shell
        [sys.executable, "-m", "border_map", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"python -m border_map {args[0]} failed:\n{result.stderr[-2000:]}")
    return time.perf_counter() - started


def build_layers(work: Path, timings: dict[str, float]) -> Path:
    """Fetch from the mirror and build into `work`, so the benchmark runs the same on a fresh clone."""
    mirror = os.environ.get("BORDER_MAP_MIRROR") or str(ROOT.parent / "shared" / "geodata")
    sources, build = work / "sources", work / "build"
    fetch = ["fetch", "--dest", str(sources)]
    if Path(mirror).is_dir():
        fetch += ["--mirror", mirror]
        timings["how"] = "from the local mirror"
    else:
        say("==> no boundary mirror found: fetching the public URLs")
        timings["how"] = "from the public URLs"
    timings["fetch"] = run_cli(*fetch)
    timings["build"] = run_cli("build", "--sources", str(sources), "--out", str(build))
    return build


def national_district_files(sources: Path) -> list[Path]:
    """The fetched district layer of each country, found through the boundary catalogue `fetch` used."""
    sys.path.insert(0, str(ROOT / "src"))
    from border_map.pipeline.catalogue import load_catalogue  # noqa: PLC0415 - the project's own catalogue

    layers = [layer for layer in load_catalogue() if layer.role == "districts"]
    countries = sorted(layer.country for layer in layers)
    if countries != ["KHM", "LAO", "THA"]:
        raise SystemExit(f"expected one district layer per country in the catalogue, found {countries}")
    return [sources / layer.file for layer in layers]


def drawn_features(files: list[Path]) -> int:
    """Paths Leaflet draws for these GeoJSON files: one per feature with a (multi)polygon."""
    kinds = ("Polygon", "MultiPolygon")
    return sum(
        (feature.get("geometry") or {}).get("type") in kinds
        for file in files
        for feature in json.loads(file.read_text(encoding="utf-8"))["features"]
    )


def features(build: Path, name: str) -> list[dict]:
    return json.loads((build / name).read_text(encoding="utf-8"))["features"]


def path_counts(build: Path) -> dict[str, int]:
    """How many SVG paths the overview draws: one per feature of each layer."""
    return {layer: len(features(build, f"{layer}.geojson")) for layer in ("districts", "links", "provinces")}


@dataclass(frozen=True)
class ClickTarget:
    """The district to click: its feature id (to hit-test against) and candidate points inside it."""

    feature_id: str
    points: list[tuple[float, float]]  # (lat, lon), the best first


def click_target(build: Path) -> ClickTarget:
    """Points inside the click district, the best first: well inside it and away from link lines.

    The first is shapely's representative point of the district shrunk by 0.01° minus the links buffered by
    0.02°; then grid points of that area, deepest first; then grid points of the whole district. Whatever is
    drawn over the district (a link line, a story marker) is ruled out by hit-testing in the browser, which is
    why there are many candidates: at the overview's zoom a marker can cover the district's middle.
    """
    districts = [f for f in features(build, "districts.geojson") if f["properties"]["district"] == CLICK["district"]]
    if len(districts) != 1:
        raise SystemExit(f"expected one district {CLICK['district']!r} in the build, found {len(districts)}")
    links = features(build, "links.geojson")
    feature_id = districts[0]["properties"]["feature_id"]
    pairs = [f["properties"]["pair_id"] for f in links if f["properties"]["thai_feature_id"] == feature_id]
    if CLICK["pair"] not in pairs:
        raise SystemExit(f"{CLICK['district']} is not in pair {CLICK['pair']} in this build (pairs: {pairs})")
    district = shape(districts[0]["geometry"])
    lines = unary_union([shape(f["geometry"]) for f in links if f["geometry"]])
    free = district.buffer(-0.01).difference(lines.buffer(0.02))
    points = [free.representative_point(), *grid_inside(free), *grid_inside(district)]
    return ClickTarget(feature_id, [(point.y, point.x) for point in points])


def grid_inside(area, cells: int = 30) -> list[Point]:
    """Grid points inside `area`, the farthest from its edge first."""
    west, south, east, north = area.bounds
    grid = [
        Point(west + (east - west) * (i + 0.5) / cells, south + (north - south) * (j + 0.5) / cells)
        for i in range(cells)
        for j in range(cells)
    ]
    return sorted((p for p in grid if area.contains(p)), key=lambda p: -area.boundary.distance(p))


# ---------------------------------------------------------------- browser measurements


@dataclass
class Tally:
    """Sanity counts over every browser load of the run: all must stay at zero for the numbers to mean much."""

    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Visit:
    """One page load in a fresh browser context (cold HTTP cache, new Streamlit session).

    Every request to another host is refused and recorded; the app must not need any.
    """

    def __init__(self, browser: Browser, tally: Tally, init_script: str | None = None):
        self.tally = tally
        self.context = browser.new_context(viewport=VIEWPORT)
        self.context.route(NOT_LOCAL, self._refuse)
        self.context.route_web_socket(NOT_LOCAL, self._refuse_socket)
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: tally.page_errors.append(str(error)[:200]))

    def _refuse(self, route) -> None:
        self.tally.blocked.append(route.request.url)
        route.abort()

    def _refuse_socket(self, socket_route) -> None:
        self.tally.blocked.append(socket_route.url)
        socket_route.close()

    def open(self, target: Target) -> tuple[float, object]:
        """Seconds from navigation start to ready, and what the ready check saw (path count or True)."""
        script, arg = ready_check(target)
        started = time.perf_counter()
        self.page.goto(target.url, wait_until="commit")
        handle = self.page.wait_for_function(script, arg=arg, polling="raf", timeout=MAP_WAIT_MS)
        return time.perf_counter() - started, handle.json_value()

    def close(self) -> None:
        self.context.close()


def ready_check(target: Target) -> tuple[str, object]:
    """The predicate that means 'ready' on this page, and its argument."""
    if target.spec.text:
        return TEXT_READY_JS, target.spec.text
    if target.spec.frame:
        return IFRAME_READY_JS, [NAIVE_IFRAME, target.min_paths]
    if target.spec.widget:
        return WIDGET_READY_JS, target.min_paths
    return PAGE_MAP_READY_JS, target.min_paths


def timed_load(browser: Browser, tally: Tally, target: Target) -> float | None:
    """One measured load; a timeout is recorded as a failure rather than stopping the whole report."""
    visit = Visit(browser, tally)
    try:
        seconds, _seen = visit.open(target)
    except PlaywrightError as error:
        tally.failures.append(f"{target.spec.name}: {str(error).splitlines()[0]}")
        return None
    finally:
        visit.close()
    return seconds


def measure_loads(browser, tally, floor: Target, targets: list[Target], loads: int) -> tuple[dict, dict]:
    """Time to ready for every page, each load paired with a floor load so both see the same machine load.

    Returns the samples per page, and per page the ratios of each load to its own floor load: on a shared
    machine whose load drifts during the run, those paired ratios are steadier than a ratio of medians.
    Round 0 warms every server (caches, lazy imports) and is not kept. The pair order alternates per round.
    """
    samples: dict[str, list[float]] = {t.spec.name: [] for t in (floor, *targets)}
    paired: dict[str, list[float]] = {t.spec.name: [] for t in targets}
    for round_no in range(loads + 1):
        for target in targets:
            order = [floor, target]
            pair = {which.spec.name: timed_load(browser, tally, which) for which in order[:: 1 if round_no % 2 else -1]}
            if round_no == 0:
                continue
            for name, seconds in pair.items():
                if seconds is not None:
                    samples[name].append(seconds)
            if pair[target.spec.name] is not None and pair[FLOOR.name]:
                paired[target.spec.name].append(pair[target.spec.name] / pair[FLOOR.name])
        say(f"    round {round_no}/{loads}" + (" (warm-up)" if round_no == 0 else ""))
    return samples, paired


@dataclass
class ClickSample:
    seconds: float | None
    ws_bytes: int  # websocket bytes received between the click and the details being shown (+0.5 s)
    url_has_pair: bool
    zoomed_in: int  # zoom levels added before the district could be hit (0: clicked at the page's own zoom)


def settle_map(page, seconds: float = 3.0) -> None:
    """Wait for Leaflet's fit-bounds animation to end, so the point computed for the click stays put."""
    script = f"() => {{ const m = {LIVE_MAP}; if (!m) return null; const c = m.getCenter();"
    script += " return [c.lat, c.lng, m.getZoom(), !!m._animatingZoom]; }"
    last, deadline = None, time.time() + seconds
    while time.time() < deadline:
        state = page.evaluate(script)
        if state and state == last and not state[3]:
            return
        last = state
        time.sleep(0.15)


# Converts candidate (lat, lon) to page coordinates (the map is drawn in the page itself: its container's rect
# plus Leaflet's container point) and keeps the first whose topmost element in the page is the district's own
# SVG path (Leaflet keeps the path on each layer as `_path`, the GeoJSON feature as `feature`).
HIT_TEST_JS = f"""([featureId, points]) => {{
  const m = {LIVE_MAP};
  if (!m) return null;
  const owners = new Map();
  m.eachLayer(layer => {{
    if (layer._path && layer.feature) owners.set(layer._path, layer.feature.properties || {{}});
  }});
  const box = m.getContainer().getBoundingClientRect();
  for (const [lat, lon] of points) {{
    const p = m.latLngToContainerPoint([lat, lon]);
    const x = box.left + p.x, y = box.top + p.y;
    const props = owners.get(document.elementFromPoint(x, y));
    if (props && props.feature_id === featureId) return [x, y];
  }}
  return null;
}}"""


ZOOM_IN_JS = f"([lat, lon]) => {{ const m = {LIVE_MAP}; m.setView([lat, lon], m.getZoom() + 1, {{animate: false}}); }}"


def screen_point(visit: Visit, target: ClickTarget, max_zoom_in: int = 4) -> tuple[float, float, int] | None:
    """Where the real mouse hits the district itself, in page coordinates, and how many levels it was zoomed in.

    At the overview's zoom something may cover the whole district (today a story marker covers Chiang Khan);
    then the map is zoomed in on the district one level at a time, without animation, until a point is clear.
    Zooming sends nothing to the server (the map returns only clicks), so the click still measures the same.
    The hit test runs on the page's own document, so whatever of the page lies over the map counts too, and a
    point outside the viewport hits nothing.
    """
    page = visit.page
    settle_map(page)
    zoomed, found = 0, page.evaluate(HIT_TEST_JS, [target.feature_id, target.points])
    while not found and zoomed < max_zoom_in:
        page.evaluate(ZOOM_IN_JS, list(target.points[0]))
        settle_map(page)
        zoomed, found = zoomed + 1, page.evaluate(HIT_TEST_JS, [target.feature_id, target.points])
    if not found:
        return None
    return found[0], found[1], zoomed


def click_once(browser, tally, app: Server, target: ClickTarget, min_paths: int) -> ClickSample:
    """Load the overview, wait for the map, click inside the district and time until its pair's details show."""
    visit = Visit(browser, tally)
    frames: list[int] = []
    visit.page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    try:
        visit.open(Target(PAGES[0], app.url + PAGES[0].path, min_paths))
        point = screen_point(visit, target)
        if point is None:
            tally.failures.append(f"click: no point of {CLICK['district']} is clickable (covered by other layers)")
            return ClickSample(None, 0, False, -1)
        x, y, zoomed = point
        visit.page.wait_for_timeout(300)  # anything the zoom might have sent arrives before the clock starts
        before = len(frames)
        started = time.perf_counter()
        visit.page.mouse.click(x, y)
        visit.page.wait_for_function(TEXT_READY_JS, arg=CLICK["text"], polling="raf", timeout=CLICK_WAIT_MS)
        seconds = time.perf_counter() - started
        visit.page.wait_for_timeout(500)
        return ClickSample(seconds, sum(frames[before:]), f"pair={CLICK['pair']}" in visit.page.url, zoomed)
    except PlaywrightError as error:
        tally.failures.append(
            f"click: no “{CLICK['text']}” within {CLICK_WAIT_MS / 1000:.0f} s ({type(error).__name__})"
        )
        return ClickSample(None, sum(frames), False, -1)
    finally:
        visit.close()


def measure_clicks(browser, tally, app: Server, target: ClickTarget, min_paths: int, count: int) -> list[ClickSample]:
    """A warm-up click (the click's rerun path is cold), then `count` measured ones; two misses in a row end it."""
    click_once(browser, tally, app, target, min_paths)
    samples: list[ClickSample] = []
    for _ in range(count):
        samples.append(click_once(browser, tally, app, target, min_paths))
        if len(samples) >= 2 and samples[-1].seconds is None and samples[-2].seconds is None:
            break
    return samples


# ---------------------------------------------------------------- Present: next slide

SLIDE_TARGET_S = 1.0
# Ready when the counter shows the slide and the live map's centre is inside the slide's view: the text and
# the map have both moved. Polled in the page on every animation frame; the map is the widget's `window.bmMap`.
SLIDE_READY_JS = f"""([label, bounds]) => {{
  if (!document.body.innerText.includes(label)) return false;
  const map = {LIVE_MAP};
  if (!map) return false;
  const c = map.getCenter();
  const [[south, west], [north, east]] = bounds;
  return c.lat > south && c.lat < north && c.lng > west && c.lng < east;
}}"""


def measure_slides(browser, tally, app: Server, build: Path, min_paths: int) -> list[tuple[str, float | None]]:
    """Through the whole deck with the Right key at 1280x720: (slide kind, seconds until text and map moved)."""
    sys.path.insert(0, str(ROOT / "src"))
    from border_map.model import deck  # noqa: PLC0415 - the deck the server shows, from the same build
    from border_map.model.dataset import load_dataset  # noqa: PLC0415

    data = load_dataset(build)
    slides = deck.slides(data, "en")
    visit = Visit(browser, tally)
    visit.page.set_viewport_size({"width": 1280, "height": 720})
    samples: list[tuple[str, float | None]] = []
    try:
        visit.page.goto(app.url + "/present?slide=1", wait_until="commit")
        visit.page.wait_for_function(WIDGET_READY_JS, arg=min_paths, polling="raf", timeout=MAP_WAIT_MS)
        visit.page.wait_for_timeout(800)
        for number in range(2, len(slides) + 1):
            slide = slides[number - 1]
            label = f"{number} / {len(slides)}"
            started = time.perf_counter()
            visit.page.keyboard.press("ArrowRight")
            try:
                visit.page.wait_for_function(SLIDE_READY_JS, arg=[label, slide.map.fit], polling="raf", timeout=10_000)
                samples.append((slide.kind, time.perf_counter() - started))
            except PlaywrightError:
                tally.failures.append(f"slide {number}: not shown within 10 s")
                samples.append((slide.kind, None))
            visit.page.wait_for_timeout(300)
    finally:
        visit.close()
    return samples


# ---------------------------------------------------------------- traced loads: payload and timeline


@dataclass
class Trace:
    """One load observed through the DevTools protocol: bytes on the wire and a timeline of what happened."""

    page: str
    http_bytes: int = 0
    http_requests: int = 0
    ws_bytes: int = 0
    ws_frames: int = 0
    ws_largest: int = 0
    ws_largest_kind: str = ""
    script_runs: int = 0
    ready_s: float | None = None
    timeline: list[tuple[float, str]] = field(default_factory=list)


def frame_bytes(response: dict) -> bytes:
    """CDP gives binary websocket frames (opcode 2) base64-encoded and text frames as text."""
    data = response["payloadData"]
    return base64.b64decode(data) if response["opcode"] == 2 else data.encode()


def describe(msg: ForwardMsg) -> str:
    """A short label for a ForwardMsg: its type, and for a new element the element type, or for a component
    its name: "component border_map.map" for the app's map widget (a v2 component: `Element.bidi_component`),
    "component streamlit_folium.st_folium" for the naive page's map (a v1 one: `Element.component_instance`)."""
    kind = msg.WhichOneof("type") or "?"
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element.WhichOneof("type")
        if element == "bidi_component":
            return f"component {msg.delta.new_element.bidi_component.component_name}"
        if element == "component_instance":
            return f"component {msg.delta.new_element.component_instance.component_name}"
        return f"element {element}"
    return kind


class Recorder:
    """Collects the CDP Network events of one page (its same-origin iframes share the page's target)."""

    METHODS = (
        "Network.requestWillBeSent",
        "Network.loadingFinished",
        "Network.webSocketWillSendHandshakeRequest",
        "Network.webSocketHandshakeResponseReceived",
        "Network.webSocketFrameReceived",
    )

    def __init__(self, visit: Visit):
        self.events: list[tuple[str, dict]] = []
        self.session = visit.context.new_cdp_session(visit.page)
        for method in self.METHODS:
            self.session.on(method, lambda params, method=method: self.events.append((method, params)))
        self.session.send("Network.enable")

    def clock(self) -> tuple[float, float]:
        """(monotonic, epoch) of the document request: maps CDP's monotonic timestamps to wall time."""
        for method, params in self.events:
            if method == "Network.requestWillBeSent" and params.get("type") == "Document":
                return params["timestamp"], params["wallTime"]
        raise RuntimeError("no document request was recorded")


def summarise(trace: Trace, recorder: Recorder, started_epoch: float) -> None:
    """Fill the payload numbers and the network half of the timeline (seconds since navigation start)."""
    mono0, wall0 = recorder.clock()

    def at(timestamp: float) -> float:
        return wall0 + (timestamp - mono0) - started_epoch

    urls, seen = {}, set()
    events = trace.timeline
    for method, params in recorder.events:
        if method == "Network.requestWillBeSent":
            trace.http_requests += 1
            urls[params["requestId"]] = params["request"]["url"]
            path = urls[params["requestId"]].split("/", 3)[-1]
            if params.get("type") == "Document" and "document requested" not in seen:
                events.append((at(params["timestamp"]), "document requested"))
                seen.add("document requested")
            if path.startswith("component/") and "component iframe requested" not in seen:
                events.append((at(params["timestamp"]), f"component iframe requested ({path.split('?')[0]})"))
                seen.add("component iframe requested")
        elif method == "Network.loadingFinished":
            trace.http_bytes += int(params["encodedDataLength"])
            path = urls.get(params["requestId"], "").split("?")[0]
            for suffix, label in ((".js", "script"), (".css", "stylesheet")):
                if path.endswith(suffix) and ("/component/" in path or "/vendor/" in path):
                    events.append((at(params["timestamp"]), f"{label} loaded: {path.split('/', 3)[-1]}"))
            if "/layers/" in path:  # the map widget's shapes (routes), fetched by the page
                events.append((at(params["timestamp"]), f"layer file loaded: {path.split('/', 3)[-1]}"))
        elif method == "Network.webSocketWillSendHandshakeRequest":
            events.append((at(params["timestamp"]), "websocket handshake sent"))
        elif method == "Network.webSocketHandshakeResponseReceived":
            events.append((at(params["timestamp"]), "websocket open"))
        elif method == "Network.webSocketFrameReceived":
            frame_received(trace, params, at(params["timestamp"]), seen)
    bundle_event(trace, recorder, at)


def requests_where(recorder: Recorder, keep) -> dict[str, str]:
    """requestId -> file name of the requests for which keep(url, timestamp) holds."""
    return {
        p["requestId"]: p["request"]["url"].split("?")[0].rsplit("/", 1)[-1]
        for m, p in recorder.events
        if m == "Network.requestWillBeSent" and keep(p["request"]["url"], p["timestamp"])
    }


def finished(recorder: Recorder, ids) -> list[tuple[float, int]]:
    """(finish timestamp, bytes) of those requests."""
    return [
        (p["timestamp"], int(p["encodedDataLength"]))
        for m, p in recorder.events
        if m == "Network.loadingFinished" and p["requestId"] in ids
    ]


# Streamlit's chunks that host components: v2 (the app's map widget) and v1 (st_folium, the naive page).
COMPONENT_HOSTS = ("BidiComponent", "ComponentInstance")


def bundle_event(trace: Trace, recorder: Recorder, at) -> None:
    """Streamlit's own files: those it needs to boot (before the websocket) and element code it fetches later.

    The later ones matter: the frontend fetches an element's code (the component host, the data grid) only
    when the first such element arrives, so that download sits between the delta and the drawing. The app's
    page announces its component host code (BidiComponent) in its head (hints.page_hints), so there it may
    load before the websocket opens; the naive page's (ComponentInstance) is fetched on demand.
    """
    handshake = min(
        (p["timestamp"] for m, p in recorder.events if m == "Network.webSocketWillSendHandshakeRequest"),
        default=math.inf,
    )

    def own(url: str) -> bool:
        return "/static/" in url and "/component/" not in url and "/app/static/" not in url

    boot = finished(recorder, requests_where(recorder, lambda url, ts: own(url) and ts < handshake))
    if boot:
        label = f"Streamlit frontend files loaded ({len(boot)} files, {sum(n for _t, n in boot) / 1024:.0f} KB)"
        trace.timeline.append((at(max(t for t, _n in boot)), label))
    late = requests_where(recorder, lambda url, ts: own(url) and "/js/" in url and ts >= handshake)
    hosts = requests_where(
        recorder, lambda url, ts: own(url) and url.split("?")[0].rsplit("/", 1)[-1].startswith(COMPONENT_HOSTS)
    )
    for request_id, name in hosts.items():
        how = "on demand" if request_id in late else "before the websocket (preloaded)"
        for m, p in recorder.events:
            if m == "Network.requestWillBeSent" and p["requestId"] == request_id:
                trace.timeline.append((at(p["timestamp"]), f"Streamlit's component host code requested ({name})"))
        for when, _n in finished(recorder, {request_id}):
            trace.timeline.append((at(when), f"Streamlit's component host code loaded {how} ({name})"))
    done = finished(recorder, late)
    if done:
        label = f"last of {len(done)} element code files fetched on demand ({sum(n for _t, n in done) / 1024:.0f} KB)"
        trace.timeline.append((at(max(t for t, _n in done)), label))


def frame_received(trace: Trace, params: dict, when: float, seen: set[str]) -> None:
    """Count one websocket frame and put the interesting ForwardMsgs on the timeline."""
    payload = frame_bytes(params["response"])
    trace.ws_bytes += len(payload)
    trace.ws_frames += 1
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    label = describe(msg)
    if len(payload) > trace.ws_largest:
        trace.ws_largest, trace.ws_largest_kind = len(payload), label
    if label.startswith("component"):
        trace.timeline.append((when, f"{label} delta received ({len(payload) / 1024:.0f} KB)"))
    elif label == "new_session":
        trace.script_runs += 1
        trace.timeline.append((when, f"ForwardMsg new_session (script run {trace.script_runs} starts)"))
    elif label == "script_finished":
        trace.timeline.append((when, f"ForwardMsg script_finished (status {msg.script_finished})"))
    elif label.startswith("element") and "first element delta" not in seen:
        seen.add("first element delta")
        trace.timeline.append((when, f"first element delta ({label})"))


def traced_load(browser, tally, target: Target, all_paths: int) -> Trace:
    """A load with CDP and in-page marks on: slower than a timed load, so it is kept out of the timings."""
    spec = target.spec
    config = {
        "iframe": NAIVE_IFRAME if spec.frame else None,
        "widget": spec.widget and not spec.text,  # the map widget's marks, on map pages only
        "box": MAP_BOX,
        "minPaths": target.min_paths,
        "allPaths": all_paths,
        "text": spec.text,
    }
    visit = Visit(browser, tally, init_script=MARKS_JS % json.dumps(config))
    recorder = Recorder(visit)
    trace = Trace(spec.name)
    try:
        started_epoch = time.time()
        trace.ready_s, _seen = visit.open(target)
        trace.timeline.append((trace.ready_s, "harness saw the page ready"))
        visit.page.wait_for_timeout(1500)  # let late requests and frames arrive: they are part of the load
        marks = visit.page.evaluate("() => window.__bmMarks || {}")
        timing = visit.page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return [performance.timeOrigin, n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd]; }"
        )
    except PlaywrightError as error:
        tally.failures.append(f"trace {spec.name}: {str(error).splitlines()[0]}")
        visit.close()
        return trace
    summarise(trace, recorder, started_epoch)
    origin = timing[0]
    for offset, label in zip(timing[1:], ("document received", "DOMContentLoaded", "load event"), strict=True):
        if offset:
            trace.timeline.append(((origin + offset) / 1000 - started_epoch, label))
    trace.timeline += [(epoch_ms / 1000 - started_epoch, name) for name, epoch_ms in marks.items()]
    trace.timeline.sort(key=lambda event: event[0])  # stable: marks of one frame keep the order they were seen
    visit.close()
    return trace


# ---------------------------------------------------------------- Streamlit's websocket protocol
# The pieces a browser-less client needs; the Locust users (scripts/load/locustfile.py) import them.


@dataclass
class Session:
    """One script run as a client sees it."""

    seconds: float | None = None
    bytes: int = 0
    largest: int = 0
    component: bool = False  # the run carried the app's map widget (the border_map.map component)
    error: str | None = None
    query: str | None = None  # the URL's query as the run left it (page_info_changed)
    page_hash: str = ""  # the page the run was (new_session), which a rerun of a fragment names
    choices: dict[str, SelectBox] = field(default_factory=dict)  # select boxes shown, by widget id


@dataclass(frozen=True)
class SelectBox:
    """A select box as the run showed it: what a browser needs to send a choice in it."""

    widget_id: str
    options: tuple[str, ...]
    fragment_id: str  # the fragment it is in ("" for none): a choice reruns only that


def explore_spec(province: str) -> PageSpec:
    """The explore page for one province, as the app writes the link (the name alone, percent-encoded)."""
    query = "province=" + quote(province, safe="")
    return PageSpec("explore", f"/explore?{query}", "explore", query)


def _rerun(port: int, path: str) -> tuple[BackMsg, object]:
    """A `rerun_script` BackMsg from a page at `path`, and its rerun part to fill in."""
    msg = BackMsg()
    state = msg.rerun_script
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = f"http://127.0.0.1:{port}{path}"
    return msg, state


def rerun_message(spec: PageSpec, port: int) -> bytes:
    """What the frontend sends on load, and again when the URL changes: run the page with the URL's query."""
    msg, state = _rerun(port, spec.path)
    state.query_string = spec.ws_query
    state.page_script_hash = ""
    state.page_name = spec.ws_page
    return msg.SerializeToString()


def choice_message(opened: Session, spec: PageSpec, port: int, option: str) -> bytes | None:
    """What the frontend sends when the viewer picks `option` (a label, or the start of one) in the page's select
    box: the box's new value, the fragment it is in, and the URL's current query. None when the run showed
    no box with such an option."""
    for box in opened.choices.values():
        label = next((o for o in box.options if o == option or o.startswith(option + " ")), None)
        if label is None:
            continue
        msg, state = _rerun(port, f"/{spec.ws_page}")
        state.query_string = opened.query if opened.query is not None else spec.ws_query
        state.page_script_hash = opened.page_hash
        state.fragment_id = box.fragment_id
        widget = state.widget_states.widgets.add()
        widget.id = box.widget_id
        widget.string_value = label
        return msg.SerializeToString()
    return None


def take(result: Session, payload: bytes, started: float) -> bool:
    """Account one ForwardMsg of a run in `result`; True once the run has ended.

    A shown exception is an error (the run still ends normally). A fragment's run ends like a page's.
    FINISHED_EARLY_FOR_RERUN (the script asked for a rerun) does not end it: the next run's end is the real one.
    """
    result.bytes += len(payload)
    result.largest = max(result.largest, len(payload))
    msg = ForwardMsg()
    msg.ParseFromString(payload)
    label = describe(msg)
    if label == "new_session":
        result.page_hash = msg.new_session.page_script_hash
    elif label == "page_info_changed":
        result.query = msg.page_info_changed.query_string
    elif label == "element selectbox":
        box = msg.delta.new_element.selectbox
        result.choices[box.id] = SelectBox(box.id, tuple(box.options), msg.delta.fragment_id)
    elif label == "element exception":
        result.error = f"exception shown: {msg.delta.new_element.exception.message[:120]}"
    elif label in (f"component {MAP_COMPONENT}", f"component {MAP_PANEL_COMPONENT}"):
        result.component = True
    elif label == "script_finished":
        if msg.script_finished in (ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
            result.seconds = time.perf_counter() - started
            return True
        if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
            result.error = "script failed to compile"
            return True
    return False


async def read_run(ws, result: Session, started: float) -> None:
    """Read ForwardMsgs from an asyncio `websockets` connection until this run's end."""
    while not take(result, await ws.recv(), started):
        pass


def judge(spec: PageSpec, result: Session) -> None:
    """After a run: no end is an error, and so is a map page's run without the app's map widget, or under
    MAP_MIN_BYTES (an empty page is fast)."""
    if result.seconds is None and result.error is None:
        result.error = "no script_finished"
    if not spec.text and result.error is None and not result.component:
        result.error = f"no {MAP_COMPONENT} delta ({result.bytes} bytes)"
    elif not spec.text and result.error is None and result.bytes < MAP_MIN_BYTES:
        result.error = f"map page run of {result.bytes} bytes, under {MAP_MIN_BYTES}"


async def ws_session(port: int, spec: PageSpec, done: asyncio.Queue, release: asyncio.Event) -> None:
    """One asyncio session: connect, ask for a run, put the result on `done`, stay connected until `release`.

    Not used by the load test any more (Locust's users do this, scripts/load/); kept for scripts that open a
    few sessions of their own.
    """
    result, started, reported = Session(), time.perf_counter(), False
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=WS_TIMEOUT_S) as ws:
            await ws.send(rerun_message(spec, port))
            async with asyncio.timeout(WS_TIMEOUT_S):
                await read_run(ws, result, started)
            judge(spec, result)
            done.put_nowait(result)
            reported = True
            await release.wait()
    except TimeoutError:
        result.error = "timeout"
    except (OSError, websockets.exceptions.WebSocketException) as error:
        result.error = f"{type(error).__name__}: {error}"
    if not reported:
        judge(spec, result)
        done.put_nowait(result)


# ---------------------------------------------------------------- a small pool of real browsers


async def pool_round(browser, tally: Tally, target: Target, size: int) -> list[float | None]:
    """`size` new contexts opening the page at once: contexts and pages are made first, then every
    navigation starts together; each is timed from its own goto to its ready check."""
    script, arg = ready_check(target)
    contexts, pages = [], []
    for _ in range(size):
        context = await browser.new_context(viewport=VIEWPORT)

        async def refuse(route) -> None:
            tally.blocked.append(route.request.url)
            await route.abort()

        await context.route(NOT_LOCAL, refuse)
        page = await context.new_page()
        page.on("pageerror", lambda error: tally.page_errors.append(str(error)[:200]))
        contexts.append(context)
        pages.append(page)

    async def load(page) -> float | None:
        started = time.perf_counter()
        try:
            await page.goto(target.url, wait_until="commit")
            await page.wait_for_function(script, arg=arg, polling="raf", timeout=MAP_WAIT_MS)
        except PlaywrightError as error:
            tally.failures.append(f"pool {target.spec.name}: {str(error).splitlines()[0]}")
            return None
        return time.perf_counter() - started

    try:
        return list(await asyncio.gather(*(load(page) for page in pages)))
    finally:
        for context in contexts:
            await context.close()


async def browser_pool(tally: Tally, floor: Target, page: Target, rounds: int) -> dict[str, list[float | None]]:
    """POOL_SIZE browsers opening the floor at once, then the page at once (order alternating), `rounds` times."""
    results: dict[str, list[float | None]] = {floor.spec.name: [], page.spec.name: []}
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for round_no in range(rounds):
            for target in (floor, page) if round_no % 2 else (page, floor):
                results[target.spec.name] += await pool_round(browser, tally, target, POOL_SIZE)
        await browser.close()
    return results


# ---------------------------------------------------------------- load: Locust users over the websocket


def run_driver(config: dict, work: Path, name: str) -> dict:
    """scripts/load/driver.py in its own process (Locust patches the standard library for gevent)."""
    cfg, out = work / f"{name}.json", work / f"{name}-result.json"
    cfg.write_text(json.dumps(config), encoding="utf-8")
    driver = ROOT / "scripts" / "load" / "driver.py"
    result = subprocess.run(  # noqa: S603 - our own interpreter and script, no shell
        [sys.executable, str(driver), str(cfg), str(out)],
        cwd=ROOT,
        stdout=sys.stderr,
        check=False,
    )
    if result.returncode != 0 or not out.exists():
        raise SystemExit(f"the Locust driver failed ({name}, exit status {result.returncode})")
    return json.loads(out.read_text(encoding="utf-8"))


def endpoint(server: Server) -> dict:
    return {"url": server.url, "pid": server.proc.pid}


@dataclass
class LoadLevel:
    """Every batch of one concurrency level, by request name (floor, overview, explore, explore: ...)."""

    sessions: int
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    bytes: dict[str, list[int]] = field(default_factory=dict)
    memory: dict[str, list[dict]] = field(default_factory=dict)  # kind -> per batch: idle, peak, open (MB)
    walls: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)  # kind -> per batch: server CPU s per session
    round_p95: dict[str, list[float | None]] = field(default_factory=dict)  # name -> p95 of each round's batch


@dataclass
class LoadResults:
    levels: list[LoadLevel]
    locust_counts: dict[str, list[int]]  # name -> [requests, failures] as Locust's own statistics count them
    generator_cpu_peak: float
    generator_cpu_warning: bool
    sequential: dict[str, dict]


CPU_MIN_SESSIONS = 10  # the kernel counts CPU time in 10 ms ticks: under 10 sessions a batch is a tick or two


def cpu_rows(res) -> list[list[str]]:
    """Median server CPU per session of each kind at each level, against the floor's of the same level."""
    rows = []
    same = {"explore": "floor2", "overview": "floor", "floor2": "floor2", "floor": "floor"}
    names = {"floor2": FLOOR_TWICE}
    for level in res.load.levels:
        if level.sessions < CPU_MIN_SESSIONS:
            continue
        medians = {kind: statistics.median(values) for kind, values in level.cpu.items() if values}
        for kind, value in medians.items():
            floor, alike = medians.get("floor"), medians.get(same.get(kind, "floor"))
            rows.append(
                [
                    str(level.sessions),
                    names.get(kind, kind),
                    f"{value * 1000:.1f}",
                    f"{value / floor:.2f}" if floor else "—",
                    f"{value / alike:.2f}" if alike else "—",
                ]
            )
    return rows


def load_levels(raw: dict) -> tuple[list[LoadLevel], dict[str, list[int]], float, bool]:
    levels: dict[int, LoadLevel] = {}
    counts: dict[str, list[int]] = {}
    cpu, warned = 0.0, False
    for batch in raw["batches"]:
        level = levels.setdefault(batch["sessions"], LoadLevel(batch["sessions"]))
        mine: dict[str, list[float]] = {}
        for record in batch["records"]:
            name = record["name"]
            if record["error"]:
                level.errors.setdefault(name, []).append(record["error"])
            elif record["ms"] is not None:
                level.times.setdefault(name, []).append(record["ms"] / 1000)
                level.bytes.setdefault(name, []).append(record["bytes"])
                mine.setdefault(name, []).append(record["ms"] / 1000)
        for name, values in mine.items():  # one batch of each kind per round, in round order
            level.round_p95.setdefault(name, []).append(percentile(values, 95))
        level.memory.setdefault(batch["kind"], []).append(
            {"idle": batch["rss_idle"], "peak": batch["rss_peak"], "open": batch["rss_open"]}
        )
        level.walls.setdefault(batch["kind"], []).append(batch["wall_s"])
        if batch.get("server_cpu_s") is not None:
            level.cpu.setdefault(batch["kind"], []).append(batch["server_cpu_s"] / batch["sessions"])
        for name, stats in batch["locust"].items():
            total = counts.setdefault(name, [0, 0])
            total[0] += stats["requests"]
            total[1] += stats["failures"]
        cpu = max(cpu, batch["generator_cpu_peak"])
        warned = warned or batch["generator_cpu_warning"]
    return [levels[n] for n in sorted(levels)], counts, cpu, warned


def measure_load(app: Server, floor: Server, provinces: list[str], args, work: Path) -> LoadResults:
    """Concurrency levels against the running app and floor servers, then sequential sessions on fresh ones."""
    config = {
        "mode": "levels",
        "servers": {
            "floor": endpoint(floor),
            "floor2": endpoint(floor),
            "overview": endpoint(app),
            "explore": endpoint(app),
        },
        "levels": list(args.levels),
        "rounds": args.rounds,
        "provinces": provinces,
    }
    levels, counts, cpu, warned = load_levels(run_driver(config, work, "levels"))
    return LoadResults(levels, counts, cpu, warned, {})


def measure_sequential(build: Path, provinces: list[str], args, work: Path, extra: tuple[str, ...]) -> dict:
    """Sessions one after another on freshly started servers (warmed by one session of each kind)."""
    sessions, every = args.sequential
    app = Server(ROOT / "app.py", {"BORDER_MAP_DATA": str(build)}, work / "logs" / "app-sequential.log", extra)
    try:
        floor = Server(work / "floor" / "floor.py", {}, work / "logs" / "floor-sequential.log", extra)
        try:
            servers = {
                "app": {**endpoint(app), "kinds": ["overview", "explore"]},
                "floor": {**endpoint(floor), "kinds": ["floor"]},
            }
            config = {"mode": "sequence", "servers": servers, "sessions": sessions, "every": every}
            config["provinces"] = provinces
            return run_driver(config, work, "sequence")
        finally:
            floor.stop()
    finally:
        app.stop()


# ---------------------------------------------------------------- report


def percentile(values: list[float], pct: float) -> float | None:
    """Nearest-rank percentile: always one of the measured values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def fmt(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**pass**" if ok else "**FAIL**")


def git(*args: str) -> str:
    exe = shutil.which("git")
    if not exe:
        return ""
    result = subprocess.run([exe, "-C", str(ROOT), *args], capture_output=True, text=True, check=False)  # noqa: S603 - fixed git query
    return result.stdout.strip()


def load_average() -> str:
    """The 1-minute load average: a busy machine slows both apps, and the report should say it was busy."""
    try:
        return Path("/proc/loadavg").read_text().split()[0]
    except OSError:
        return "?"


def machine(browser_version: str) -> dict[str, str]:
    """What the numbers depend on; written into the report so runs on other machines are not compared blindly."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    ram = re.search(r"^MemTotal:\s+(\d+) kB", meminfo, re.MULTILINE)
    commit = git("rev-parse", "--short", "HEAD")
    dirty = " + uncommitted changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return {
        "CPUs": str(os.cpu_count()),
        "CPU model": model.group(1).strip() if model else "unknown",
        "RAM": f"{int(ram.group(1)) / 1024 / 1024:.1f} GiB" if ram else "unknown",
        "OS": platform.platform(terse=True),
        "Python": platform.python_version(),
        "Streamlit": metadata.version("streamlit"),
        "streamlit-folium": metadata.version("streamlit-folium"),
        "Playwright": metadata.version("playwright"),
        "Chromium": browser_version,
        "Project commit": (commit + dirty) if commit else "unknown",
    }


@dataclass
class Results:
    started: str
    settings: dict
    machine: dict
    counts: dict[str, int]
    min_paths: int
    naive_paths: int
    times: dict[str, float]  # fetch, build, export: wall-clock seconds
    static_bytes: int
    loads: dict[str, list[float]]
    paired: dict[str, list[float]]
    clicks: list[ClickSample]
    slides: list[tuple[str, float | None]]
    traces: list[Trace]
    pool: dict[str, list[float | None]]
    load: LoadResults
    tally: Tally


SIDE_BY_SIDE = (*PAGES, MAP_ONLY, NAIVE, STATIC, FLOOR_NODELAY)


def load_rows(res: Results) -> list[list[str]]:
    """Time to ready side by side: the floor, the app's pages, then the map-only, naive and exported pages."""
    floor = median(res.loads["floor"])
    rows = [["floor", "one-line app", fmt(floor), "1.00", "1.00", "—", "reference", str(len(res.loads["floor"]))]]
    for spec in SIDE_BY_SIDE:
        value = median(res.loads[spec.name])
        ratio = value / floor if value and floor else None
        ok = None if spec.target_ratio is None or ratio is None else ratio <= spec.target_ratio
        target = f"≤ {spec.target_ratio}× floor" if spec.target_ratio else "—"
        paired = fmt(median(res.paired[spec.name]))
        what = spec.what or f"`{spec.path}`"
        rows.append([spec.name, what, fmt(value), fmt(ratio), paired, target, verdict(ok)])
        rows[-1].append(str(len(res.loads[spec.name])))
    return rows


def nodelay_text(res: Results) -> str:
    """The app's pages against the floor served with the app's socket setting: the same yardstick without
    the delay app.py removes (socket_options), so the reader sees what the app's own work costs over Streamlit's."""
    floor, plain = median(res.loads.get(FLOOR_NODELAY.name, [])), median(res.loads.get("floor", []))
    if not floor or not plain:
        return f"The *{FLOOR_NODELAY.name}* reference did not load: no comparison against it."
    ratios = ", ".join(
        f"{spec.name} {fmt(median(res.loads[spec.name]) / floor)}×"
        for spec in PAGES
        if spec.target_ratio and median(res.loads[spec.name])
    )
    return (
        "Nagle's algorithm: app.py turns it off on the server's socket (`socket_options`), which Streamlit 1.67 leaves "
        "on, so a run's messages reach the browser together rather than some after the browser's delayed "
        "acknowledgement (up to 40 ms on Linux). The floor above is stock Streamlit, as the targets define it. "
        f"The *{FLOOR_NODELAY.name}* row serves the same one line with that setting ({fmt(floor)} s, against "
        f"{fmt(plain)} s): against it, the app's map pages take {ratios} its time."
    )


def click_summary(res: Results) -> tuple[float | None, bool | None]:
    value = median([c.seconds for c in res.clicks if c.seconds is not None])
    return value, None if value is None else value <= CLICK["target_s"]


def level_p95(level: LoadLevel, name: str) -> float | None:
    return percentile(level.times.get(name, []), 95)


def round_ratios(level: LoadLevel, name: str) -> list[float]:
    """Each round's p95 of `name` over the p95 of its yardstick in the same round: how far one run's ratio
    moves from round to round (a single slow batch sets the level's p95)."""
    base = LOAD_FLOOR.get(name, "floor")
    pairs = zip(level.round_p95.get(name, []), level.round_p95.get(base, []), strict=False)
    return [app / floor for app, floor in pairs if app and floor]


def load_summary(res: Results, name: str) -> tuple[float | None, int, bool | None]:
    """p95 over the floor's p95 at the highest level, errors of this name and the floor over every level, and
    whether the target holds."""
    levels = res.load.levels
    if not levels:
        return None, 0, None
    base = LOAD_FLOOR.get(name, "floor")
    floor, app = level_p95(levels[-1], base), level_p95(levels[-1], name)
    ratio = app / floor if app and floor else None
    errors = sum(len(level.errors.get(n, [])) for level in levels for n in (base, name))
    return ratio, errors, None if ratio is None else (ratio <= CONCURRENCY_TARGET and errors == 0)


def memory_bound(res: Results) -> dict[str, dict]:
    """At the highest level, per kind: the highest RSS seen (the bound), the RSS before the batches, and
    per session (peak − idle) / N, the worst batch."""
    if not res.load.levels:
        return {}
    top = res.load.levels[-1]
    out = {}
    for kind, batches in top.memory.items():
        out[kind] = {
            "idle": min(b["idle"] for b in batches if b["idle"]),
            "peak": max(b["peak"] for b in batches),
            "per_session": max((b["peak"] - b["idle"]) / top.sessions for b in batches if b["idle"]),
            "batches": len(batches),
        }
    return out


def flatness(run: dict) -> tuple[float | None, float | None, float | None, bool | None]:
    """Mean RSS over the first quarter of the sessions and over the last, their difference, and whether it is
    within FLAT_MB."""
    samples = [(count, rss) for count, rss in run.get("rss", []) if rss is not None]
    total = run.get("sessions", 0)
    if not samples or not total:
        return None, None, None, None
    first = [rss for count, rss in samples if count <= total / 4]
    last = [rss for count, rss in samples if count >= total * 3 / 4]
    if not first or not last:
        return None, None, None, None
    head, tail = statistics.fmean(first), statistics.fmean(last)
    return head, tail, tail - head, abs(tail - head) <= FLAT_MB


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


LOAD_NAMES = ("floor", FLOOR_TWICE, "overview", "explore", "explore: open", "explore: change")
# Each kind's yardstick at a level: the one-line app's session doing what that kind's session does.
LOAD_FLOOR = {"explore": FLOOR_TWICE}


def concurrency_rows(res: Results) -> list[list[str]]:
    rows = []
    for level in res.load.levels:
        floor_p95 = level_p95(level, "floor")
        for name in LOAD_NAMES:
            times = level.times.get(name, [])
            if not times and not level.errors.get(name):
                continue
            p95 = percentile(times, 95)
            ratio = fmt(p95 / floor_p95) if p95 and floor_p95 else "—"
            own_p95 = level_p95(level, LOAD_FLOOR.get(name, "floor"))
            own = fmt(p95 / own_p95) if p95 and own_p95 else "—"
            sizes = level.bytes.get(name, [])
            rows.append(
                [
                    str(level.sessions),
                    name,
                    str(len(times) + len(level.errors.get(name, []))),
                    fmt(median(times)),
                    fmt(p95),
                    fmt(max(times) if times else None),
                    "1.00" if name == "floor" else ratio,
                    own,
                    str(len(level.errors.get(name, []))),
                    fmt(median(sizes) / 1024 if sizes else None, 0),
                ]
            )
    return rows


def memory_rows(res: Results) -> list[list[str]]:
    """Per level and server: RSS before the batches, the highest seen during them, and per session."""
    rows = []
    for level in res.load.levels:
        for server, kinds in (("floor", ("floor",)), ("app", ("overview", "explore"))):
            batches = [b for kind in kinds for b in level.memory.get(kind, [])]
            idle = [b["idle"] for b in batches if b["idle"]]
            if not idle:
                continue
            per = max((b["peak"] - b["idle"]) / level.sessions for b in batches if b["idle"])
            rows.append(
                [
                    str(level.sessions),
                    server,
                    fmt(min(idle), 0),
                    fmt(max(b["peak"] for b in batches), 0),
                    fmt(per * 1024, 0),
                ]
            )
    return rows


def sequential_rows(res: Results) -> list[list[str]]:
    runs = res.load.sequential
    counts = sorted({count for run in runs.values() for count, _rss in run["rss"]})
    by = {name: dict(run["rss"]) for name, run in runs.items()}
    return [[str(count)] + [fmt(by[name].get(count), 1) for name in runs] for count in counts]


def timeline_section(trace: Trace) -> str:
    rows = [[f"{seconds * 1000:.0f}", label] for seconds, label in trace.timeline]
    return table(["ms after goto", "event"], rows)


def pool_rows(res: Results) -> list[list[str]]:
    floor = [t for t in res.pool.get("floor", []) if t is not None]
    rows = []
    for name, values in res.pool.items():
        done = [t for t in values if t is not None]
        p50, worst = median(done), (max(done) if done else None)
        ratio = fmt(p50 / median(floor)) if p50 and floor else "—"
        rows.append([name, str(len(values)), fmt(p50), fmt(worst), ratio, str(len(values) - len(done))])
    return rows


def markdown(res: Results, plots: dict[str, str]) -> str:
    counts = res.counts
    seq = res.load.sequential
    bound = memory_bound(res)
    top = res.load.levels[-1].sessions if res.load.levels else 0
    out = [
        "# Benchmarks",
        "",
        f"Generated by `scripts/bench.sh{' --quick' if res.settings['quick'] else ''}` on {res.started}. "
        "A report, not a test: rerun it after a change and compare with the same machine's numbers. "
        "Do not edit it by hand.",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in res.machine.items()]),
        "",
        "## Summary",
        "",
        table(["target", "measured", "result"], summary_rows(res)),
        "",
        f"Sanity: {len(res.tally.blocked)} requests to other hosts were attempted and blocked (must be 0); "
        f"{len(res.tally.page_errors)} uncaught page errors; {len(res.tally.failures)} browser loads timed out "
        "or failed.",
        "",
        "## Method",
        "",
        method_text(res),
        "",
        "## Build and export",
        "",
        table(
            ["step", "wall-clock s"],
            [
                [f"`python -m border_map fetch` ({res.times.get('how', '')})", fmt(res.times.get("fetch"))],
                ["`python -m border_map build`", fmt(res.times.get("build"))],
                ["`python -m border_map export html --view overview`", fmt(res.times.get("export"))],
            ],
        ),
        "",
        "## Time to ready, side by side",
        "",
        table(["page", "what", "median s", "× floor", "paired × floor", "target", "result", "loads"], load_rows(res)),
        "",
        f"Ready: the app's map pages and the map-only page when the app's map widget, drawn in the page itself, "
        f"has its Leaflet map (`window.bmMap`) loaded and in the page, its box (`{MAP_BOX}`) taller than 100 px, "
        f"and that box's overlay pane holds at least {res.min_paths} SVG paths (districts {counts['districts']} + "
        f"links {counts['links']}; with provinces {counts['provinces']} the overview draws {sum(counts.values())}); "
        f"the naive page when st_folium's iframe is taller than 100 px and holds {res.naive_paths} paths (one per "
        f"district of the three countries); the static HTML when its map, in the page itself, holds "
        f"{res.min_paths} paths; the floor and the data page when their text is visible.",
        "",
        nodelay_text(res),
        "",
        f"## A small pool of real browsers ({POOL_SIZE} at once)",
        "",
        table(["page", "loads", "median s", "max s", "median × floor median", "failed"], pool_rows(res)),
        "",
        "## Load: concurrent sessions (Locust, Streamlit's websocket protocol)",
        "",
        table(
            [
                "N",
                "request",
                "sessions",
                "p50 s",
                "p95 s",
                "max s",
                "p95 × floor p95",
                "p95 × same-interaction floor p95",
                "errors",
                "KB/session",
            ],
            concurrency_rows(res),
        ),
        "",
        f"![p95 time to script_finished against concurrent sessions]({plots['load']})",
        "",
        locust_text(res),
        "",
        "Server CPU per session: the server process's CPU time (user + system, every thread, from "
        "/proc through psutil) from a batch's start to its last run's end, divided by its sessions; the median "
        "over the level's batches, for levels of 10 sessions or more (the kernel counts CPU time in 10 ms ticks). "
        "Steadier than the latencies above, which wait on the whole batch's work and on the machine: read them "
        "together.",
        "",
        table(["N", "kind", "server CPU ms per session", "× floor", "× same-interaction floor"], cpu_rows(res)),
        "",
        "## Memory",
        "",
        "Server VmRSS (MB) while the load levels ran: before the level's batches, the highest seen during them "
        "(sampled every 0.2 s), and per session = (peak − before) / N for the worst batch (KB).",
        "",
        table(["N", "server", "before MB", "peak MB", "KB per session"], memory_rows(res)),
        "",
        memory_text(bound, top),
        "",
    ]
    if seq:
        out += [
            f"Sessions one after another on freshly started servers (open, run to `script_finished`, close), "
            f"RSS in MB after every {res.settings['sequential'][1]}th; the app's alternate overview and explore "
            "(with a province change):",
            "",
            table(["sessions", *[f"{name} RSS MB" for name in seq]], sequential_rows(res)),
            "",
            sequential_text(res),
            "",
            f"![server RSS over sequential sessions]({plots['memory']})",
            "",
        ]
    out += [
        "## Present: next slide",
        "",
        "The whole deck at 1280×720, one Right key at a time; the clock stops when the counter shows the new "
        "slide and the live map's centre is inside that slide's view (text and map both moved).",
        "",
        table(["slide kind", "slides", "median s", "max s"], slide_rows(res)),
        "",
        "## Click to details",
        "",
        table(["measure", "value"], click_rows(res)),
        "",
        "## Payload per page (one load, cold browser cache)",
        "",
        table(
            ["page", "HTTP KB", "requests", "websocket KB", "frames", "largest frame KB", "largest frame", "runs"],
            [
                [
                    t.page,
                    f"{t.http_bytes / 1024:.0f}",
                    str(t.http_requests),
                    f"{t.ws_bytes / 1024:.1f}",
                    str(t.ws_frames),
                    f"{t.ws_largest / 1024:.1f}",
                    t.ws_largest_kind,
                    str(t.script_runs),
                ]
                for t in res.traces
            ]
            + [["static HTML (the file)", f"{res.static_bytes / 1024:.0f}", "1", "—", "—", "—", "—", "—"]],
        ),
        "",
        "“runs” counts `new_session` messages: how many times the script ran for one page load. The static HTML "
        "is one self-contained file (Leaflet and the layers inlined), opened from disk.",
        "",
        "## Where the time goes: one traced load",
        "",
    ]
    for trace in res.traces:
        if trace.page in ("floor", "overview", NAIVE.name):
            out += [f"### {trace.page}", "", timeline_section(trace), ""]
    out += ["## Raw samples (s)", ""]
    out += [f"- {name}: {', '.join(fmt(v) for v in values)}" for name, values in res.loads.items()]
    out += [f"- pool {name}: {', '.join(fmt(v) for v in values)}" for name, values in res.pool.items()]
    errors = [
        f"N={level.sessions} {name}: {error}"
        for level in res.load.levels
        for name, found in level.errors.items()
        for error in found
    ]
    errors += [f"sequential {label}: {r['error']}" for label, run in seq.items() for r in run["records"] if r["error"]]
    problems = res.tally.failures + res.tally.blocked + res.tally.page_errors + errors
    if problems:
        out += ["", "## Problems seen", ""]
        out += [f"- {line}" for line in problems[:40]]
        if len(problems) > 40:
            out.append(f"- … and {len(problems) - 40} more")
    return "\n".join(out) + "\n"


def click_rows(res: Results) -> list[list[str]]:
    click_med, click_ok = click_summary(res)
    return [
        ["median s, click → “" + CLICK["text"] + "” visible", fmt(click_med)],
        ["target", f"≤ {CLICK['target_s']} s: {verdict(click_ok)}"],
        ["samples (s)", ", ".join(fmt(c.seconds) for c in res.clicks)],
        [
            "websocket KB received per click (median)",
            fmt(median([c.ws_bytes / 1024 for c in res.clicks if c.seconds is not None]), 0),
        ],
        ["URL carries the pair after the click", f"{sum(c.url_has_pair for c in res.clicks)}/{len(res.clicks)}"],
        [
            "zoom levels added before the district could be hit (-1: no clickable point)",
            ", ".join(str(c.zoomed_in) for c in res.clicks),
        ],
    ]


def slide_worst(res: Results) -> float | None:
    times = [t for _kind, t in res.slides]
    return None if not times or None in times else max(times)


def slide_rows(res: Results) -> list[list[str]]:
    kinds: dict[str, list[float]] = {}
    for kind, seconds in res.slides:
        if seconds is not None:
            kinds.setdefault(kind, []).append(seconds)
    return [[kind, str(len(v)), fmt(median(v)), fmt(max(v))] for kind, v in kinds.items()]


def summary_rows(res: Results) -> list[list[str]]:
    floor_med = median(res.loads["floor"])
    rows = []
    for spec in PAGES:
        if spec.target_ratio is None:
            continue
        value = median(res.loads[spec.name])
        ratio = value / floor_med if value and floor_med else None
        ok = None if ratio is None else ratio <= spec.target_ratio
        rows.append(
            [f"{spec.name} time to map ≤ {spec.target_ratio}× floor", f"{fmt(ratio)}× ({fmt(value)} s)", verdict(ok)]
        )
    click_med, click_ok = click_summary(res)
    rows.append([f"click to details ≤ {CLICK['target_s']} s", f"{fmt(click_med)} s", verdict(click_ok)])
    worst = slide_worst(res)
    rows.append(
        [
            f"next slide redrawn ≤ {SLIDE_TARGET_S} s (slowest of the deck)",
            f"{fmt(worst)} s (median {fmt(median([t for _k, t in res.slides if t is not None]))} s)",
            verdict(None if worst is None else worst <= SLIDE_TARGET_S),
        ]
    )
    top = res.load.levels[-1].sessions if res.load.levels else max(LEVELS)
    for name in ("overview", "explore"):
        ratio, errors, ok = load_summary(res, name)
        yardstick = "the floor's p95" if name not in LOAD_FLOOR else f"the p95 of the floor's “{LOAD_FLOOR[name]}”"
        rounds = round_ratios(res.load.levels[-1], name) if res.load.levels else []
        spread = f" (round by round: {', '.join(f'{r:.2f}' for r in rounds)})" if len(rounds) > 1 else ""
        rows.append(
            [
                f"{top} {name} sessions at once: p95 ≤ {CONCURRENCY_TARGET:g}× {yardstick} at {top}, 0 errors",
                f"{fmt(ratio)}×, {errors} errors{spread}",
                verdict(ok),
            ]
        )
    app = res.load.sequential.get("app")
    if app:
        head, tail, delta, flat = flatness(app)
        rows.append(
            [
                f"server memory flat over {app['sessions']} sequential sessions (last quarter − first quarter "
                f"≤ {FLAT_MB:g} MB)",
                f"{fmt(head, 0)} → {fmt(tail, 0)} MB ({'+' if (delta or 0) >= 0 else ''}{fmt(delta, 1)} MB)",
                verdict(flat),
            ]
        )
    bound = memory_bound(res)
    peaks = [bound[k]["peak"] for k in ("overview", "explore") if k in bound]
    if peaks:
        idle = min(bound[k]["idle"] for k in ("overview", "explore") if k in bound)
        per = max(bound[k]["per_session"] for k in ("overview", "explore") if k in bound)
        rows.append(
            [
                f"server memory bounded under {top} concurrent sessions (bound stated)",
                f"{max(peaks):.0f} MB at most ({idle:.0f} MB before; {per * 1024:.0f} KB per session)",
                "stated",
            ]
        )
    return rows


def method_text(res: Results) -> str:
    loads, settings = len(res.loads["floor"]), res.settings
    levels = ", ".join(map(str, settings["levels"]))
    sessions, every = settings["sequential"]
    return "\n\n".join(
        [
            "**Setup.** The script fetches the boundary layers (from the local mirror when there is one), builds "
            "them into a temporary directory, exports the overview as static HTML from that build, and starts "
            "five servers with `streamlit run` on free loopback ports, all from the project root so all read its "
            "`.streamlit/config.toml` (file watcher: "
            f"{settings['file_watcher'] or 'as configured'}): the app (with `BORDER_MAP_DATA` set to the build); "
            'the *floor*, a one-line app, `st.write("hello border")`: what any Streamlit page costs on this machine; '
            f"the *{FLOOR_NODELAY.name}* floor, the same line with app.py's socket setting (`socket_options`), a "
            "reference; "
            "the *map-only* page, a one-file script that calls only the app's `map_widget.show` for the overview's "
            "view "
            "(the least any page with the app's map pays: the app's map widget, a Streamlit v2 component "
            f"`{MAP_COMPONENT}` that draws folium's map in the page itself, no iframe); and the *naive* page, a "
            "one-file script that does what a first-time user would: read the three national district layers named "
            "by the boundary catalogue (Thailand, Laos and Cambodia; every district, not only the border ones) on "
            "every run, add each to a `folium.Map` as a `folium.GeoJson`, and show it with `st_folium` (in "
            "streamlit-folium's iframe). The naive page has no basemap tiles (neither has the app by default) and its "
            "Leaflet is made local with "
            "`border_map.render.offline.use_local_leaflet`, since the benchmark blocks every request to another "
            "host: a "
            "first-time user's page would also fetch Leaflet, jQuery, Bootstrap and tiles from CDNs, so it is "
            "slower in real life than here. The map-only and naive scripts declare the app's routes (`st.App` with "
            "`routes.routes()`, as app.py does) so Leaflet is served where the app serves it; the map-only script "
            "also declares the app's middleware (`routes.middleware()`: Leaflet and Streamlit's component code "
            "announced in the page's head) and turns Nagle's algorithm off on its socket, as app.py does. "
            "Headless Debian Chromium is driven through Playwright; every request to a host other than this "
            "machine is refused and counted.",
            "**Build and export.** Wall-clock time of each `python -m border_map` command, interpreter start "
            "included, run once.",
            f"**Time to ready.** Each load uses a new browser context (empty cache, new Streamlit session). The clock "
            f'starts before `page.goto(url, wait_until="commit")` and stops when a check, polled on every animation '
            f"frame, first holds (see below the table). The static HTML is opened from a file:// URL, so it has no "
            f"server and no websocket: its time is the browser parsing the file and Leaflet drawing it. Every load "
            f"is paired with a floor load (order alternating per round), {settings['loads']} rounds after one "
            f"unkept warm-up round, so the floor has {loads} samples and each page {settings['loads']}; the table "
            "gives medians, the ratio to the floor's median of the same run (judged against the target), and the "
            "median of each load's ratio to its own floor load (“paired”): when the machine's load drifts during "
            "the run, the paired figure is the steadier one, and the two differing much is a sign the run was "
            "disturbed.",
            f"**A small pool of real browsers.** One Chromium, {POOL_SIZE} new contexts made first, then all "
            f"{POOL_SIZE} navigations started together (asyncio Playwright), each timed from its own goto to the "
            f"same ready check as above; {POOL_SIZE} floor loads at once and {POOL_SIZE} overview loads at once, "
            f"order alternating; rounds: {settings['pool_rounds']}. Browsers and servers share the machine's "
            f"{os.cpu_count()} CPUs, so this measures a crowded machine more than a crowded server.",
            f"**Load.** [Locust](https://locust.io) {metadata.version('locust')} (scripts/load/locustfile.py, "
            "driven by scripts/load/driver.py in its own process) with users whose client speaks Streamlit's websocket "
            "protocol: connect to `/_stcore/stream`, send the `rerun_script` BackMsg the frontend sends on load "
            "(page name and query string of the URL), read ForwardMsgs until the run's `script_finished` "
            "(FINISHED_SUCCESSFULLY, or for a fragment's run FINISHED_FRAGMENT_RUN_SUCCESSFULLY; a rerun the script "
            "asks for is waited through). Each run is a Locust request "
            "event; it fails on a connection failure, a timeout "
            f"({WS_TIMEOUT_S:.0f} s), an exception element in the run, or, on a map page, a run without the "
            f"app's map widget (a `bidi_component` element named `{MAP_COMPONENT}`, or `{MAP_PANEL_COMPONENT}` "
            "with Explore's panel beside the map) or under "
            f"{MAP_MIN_BYTES // 1000} KB (an empty page cannot pass as fast). "
            "*overview* users open `/`; *explore* users open `/explore?province=X`, X taken in turn from the "
            "build's provinces (Thai and neighbouring), then choose another in the page's province box on the same "
            "session (a second `rerun_script` as the frontend sends it for that choice: the box's new value, the id "
            "of the fragment the box is in, so only that fragment reruns, and the URL's query as the first run "
            "left it): "
            "“explore” is the whole session, connect to the second run's end, “explore: open” and “explore: "
            "change” its two runs; *floor* users open the one-line app, and *floor: open + change* users open it "
            "and run it again with a new query string (a full rerun of its one line), the explorers' interaction "
            "on the one-line app: an "
            "explorer's session is judged against that, since it asks the server for two runs where a floor "
            "session asks for one (the single-run ratio is in the table too). For each N "
            f"({levels}), {settings['rounds']} batch(es) per kind (floor, floor: open + change, overview, explore; "
            "order rotating per "
            "round): N users spawned at once (Locust spawn rate N, one dispatch), each opening one session and "
            "holding it open, like an open tab, until all N have finished; then all close. p50, p95 (nearest "
            "rank) and max are over every session of the level, from the request events as fired (Locust's own "
            "statistics round to its buckets; its counts are given as a check). A level's p95 is set by its "
            "slowest batches, so the summary's load rows also give each round's ratio (that round's batch p95 "
            "over the yardstick's batch p95 in the same round): how far one run's figure can move. This measures "
            "the server (script runs, serialisation, sending) and not the browser's rendering; the load generator "
            "shares the machine's CPUs with the servers. Every server reads the project's "
            "`.streamlit/config.toml`, so the floor runs with the app's settings: `runner.postScriptGC` off among "
            "them (Streamlit's full garbage collection after every run, whose cost grows with the number of open "
            "sessions).",
            "**Memory.** The server process's VmRSS from /proc/<pid>/status, the number an operator would watch. "
            "During the load levels: read before each batch, every 0.2 s during it and when all its sessions have "
            f"finished; the bound stated is the highest value seen at the highest level. Sequentially: {sessions} "
            "sessions one after another by one Locust user (open, run to the end, close, next), on freshly started "
            "servers warmed by one session of each kind; RSS is read before the first and after every "
            f"{every}th, and the memory is called flat when the mean of the last quarter's readings is within "
            f"{FLAT_MB:g} MB of the first quarter's. Streamlit keeps a closed session's state for "
            "`server.disconnectedSessionTTL` (120 s by default), so all the sessions of this run are still held at "
            "its end: growth here is what one closed session costs for two minutes, plus any leak.",
            f"**Click to details.** After the overview map is drawn and Leaflet's fit-bounds animation has stopped, "
            f"the real mouse clicks a point well inside {CLICK['district']} and away from link lines (shapely: the "
            "district shrunk by 0.01°, minus the links buffered by 0.02°, its representative point; then grid points "
            "of that area and of the whole district), converted to screen coordinates with Leaflet's "
            "`latLngToContainerPoint` plus the map container's place in the page (the widget draws the map in the "
            "page itself), and hit-tested with `document.elementFromPoint`: the first candidate whose topmost "
            "element in the page is the district's own SVG path is clicked. If something covers the whole district "
            "at the page's zoom, the map is zoomed in on it one level at a time (no animation; the map sends nothing "
            "to the server for a zoom) "
            f"and the table says so. The clock runs from the click to “{CLICK['text']}” being visible (at most "
            f"{CLICK_WAIT_MS // 1000} s); one warm-up click, then up to {settings['clicks']} samples, each in a new "
            "context.",
            "**Payload.** One more load per page with the DevTools protocol on (kept out of the timings): HTTP bytes "
            "are the sum of `Network.loadingFinished.encodedDataLength` (bytes on the wire, headers included, "
            "compressed where the server compresses); websocket bytes are the sizes of the frames received "
            "(`Network.webSocketFrameReceived`), each decoded as a Streamlit `ForwardMsg` to name it. The load counts "
            "until ready plus 1.5 s. The same load gives the timelines below, with marks recorded by a script polling "
            "from the top frame on every animation frame: on the app's pages, when the map widget's element "
            f'(`[data-testid^="stBidiComponent"]`) appears, its box (`{MAP_BOX}`) is sized, Leaflet is evaluated '
            "(`window.L`), the map is created (`window.bmMap`) and paths are drawn; on the naive page, the same "
            "for st_folium's iframe. It is one load, slowed a little by the tracing: read it "
            "for the order and the gaps, and the medians above for the totals.",
        ]
    )


def locust_text(res: Results) -> str:
    counts = "; ".join(f"{name} {n} requests, {f} failures" for name, (n, f) in res.load.locust_counts.items())
    warned = "; Locust warned that its CPU use passed 90 %" if res.load.generator_cpu_warning else ""
    return (
        f"Locust's own statistics counted: {counts}. Load generator's CPU use peaked at "
        f"{res.load.generator_cpu_peak:.0f} % of one core (0.2 s windows){warned}."
    )


def memory_text(bound: dict[str, dict], top: int) -> str:
    if not bound:
        return ""
    parts = [
        f"{kind}: {b['peak']:.0f} MB at most over {b['batches']} batch(es) ({b['idle']:.0f} MB before; "
        f"{b['per_session'] * 1024:.0f} KB per session)"
        for kind, b in bound.items()
    ]
    return f"At {top} concurrent sessions — " + "; ".join(parts) + "."


def sequential_text(res: Results) -> str:
    parts = []
    for label, run in res.load.sequential.items():
        head, tail, delta, flat = flatness(run)
        errors = sum(1 for r in run["records"] if r["error"])
        word = "flat" if flat else ("not flat" if flat is not None else "not measured")
        growth = f"{(delta or 0) * 1024 / max(1, run['sessions'] * 3 / 4):.0f} KB per session" if delta else "—"
        parts.append(
            f"{label}: {run['sessions']} sessions in {run['wall_s']:.0f} s, {errors} errors; first quarter "
            f"{fmt(head, 1)} MB, last quarter {fmt(tail, 1)} MB: {word} ({growth})"
        )
    return "; ".join(parts) + "."


def line_chart(title: str, x_label: str, ticks: list[tuple[float, str]], series: dict, xmax: float) -> str:
    """A small line chart, plain SVG, no plotting library. series: name -> (colour, dash, [(x, y or None)])."""
    width, height, left, right, top, bottom = 600, 320, 56, 170, 30, 42
    values = [v for _c, _d, points in series.values() for _x, v in points if v is not None]
    ymax = max([*values, 0.1]) * 1.1

    def x(n: float) -> float:
        return left + n / xmax * (width - left - right)

    def y(v: float) -> float:
        return height - bottom - v / ymax * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        'font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="18" font-size="13">{title}</text>',
    ]
    step = nice_step(ymax)
    tick = 0.0
    while tick <= ymax:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick = round(tick + step, 6)
    for position, label in ticks:
        parts.append(f'<text x="{x(position):.1f}" y="{height - bottom + 16}" text-anchor="middle">{label}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 8}" text-anchor="middle">{x_label}</text>')
    for index, (name, (colour, dash, points)) in enumerate(series.items()):
        drawn = [(x(n), y(p)) for n, p in points if p is not None]
        coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in drawn)
        parts.append(
            f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        if not dash:
            parts += [f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>' for px, py in drawn]
        ly = top + 14 + index * 18
        parts.append(
            f'<line x1="{width - right + 14}" x2="{width - right + 38}" y1="{ly}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2" stroke-dasharray="{dash}"/>'
        )
        parts.append(f'<text x="{width - right + 44}" y="{ly + 4}">{name}</text>')
    return "\n".join([*parts, "</svg>"]) + "\n"


def load_plot(levels: list[LoadLevel]) -> str:
    """p95 against N for the floor, the overview and explore, N evenly spaced, with the 2× floor line."""
    at = {level.sessions: index + 1 for index, level in enumerate(levels)}
    floor = [(at[lv.sessions], level_p95(lv, "floor")) for lv in levels]
    series = {
        "floor": ("#0072B2", "", floor),
        "overview": ("#D55E00", "", [(at[lv.sessions], level_p95(lv, "overview")) for lv in levels]),
        "explore (session)": ("#009E73", "", [(at[lv.sessions], level_p95(lv, "explore")) for lv in levels]),
        f"{CONCURRENCY_TARGET:g}× floor": ("#777", "5 4", [(n, p * CONCURRENCY_TARGET) for n, p in floor if p]),
    }
    ticks = [(index, str(n)) for n, index in at.items()]
    return line_chart(
        "p95 time to script_finished (s) vs concurrent sessions (Locust)",
        "sessions at once (N)",
        ticks,
        series,
        len(levels) + 1,
    )


def memory_plot(sequential: dict[str, dict]) -> str:
    colours = {"app": "#D55E00", "floor": "#0072B2"}
    series = {
        f"{name} RSS MB": (colours.get(name, "#777"), "", [(count, rss) for count, rss in run["rss"]])
        for name, run in sequential.items()
    }
    counts = sorted({count for run in sequential.values() for count, _rss in run["rss"]}) or [0, 1]
    total = max(counts) or 1
    ticks = [(n, str(n)) for n in counts[:: max(1, len(counts) // 6)]]
    return line_chart("server VmRSS (MB) over sequential sessions", "sessions", ticks, series, total * 1.05)


def nice_step(span: float) -> float:
    """A round tick step giving about five gridlines."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def print_summary(res: Results) -> None:
    print()
    print(f"{'page':<14}{'median s':>9}{'x floor':>9}{'paired':>9}  target")
    for row in load_rows(res):
        print(f"{row[0]:<14}{row[2]:>9}{row[3]:>9}{row[4]:>9}  {row[5]} {row[6].replace('*', '')}")
    print(f"\n{'pool':<10}{'loads':>6}{'median':>8}{'max':>8}{'x floor':>9}")
    for row in pool_rows(res):
        print(f"{row[0]:<10}{row[1]:>6}{row[2]:>8}{row[3]:>8}{row[4]:>9}")
    print(f"\n{'payload':<12}{'HTTP KB':>9}{'ws KB':>9}{'largest ws KB':>15}")
    for t in res.traces:
        print(f"{t.page:<12}{t.http_bytes / 1024:>9.0f}{t.ws_bytes / 1024:>9.1f}{t.ws_largest / 1024:>15.1f}")
    print(f"\n{'N':>3} {'request':<16}{'p50':>8}{'p95':>8}{'max':>8}{'x floor':>9}{'errors':>8}")
    for row in concurrency_rows(res):
        print(f"{row[0]:>3} {row[1]:<16}{row[3]:>8}{row[4]:>8}{row[5]:>8}{row[6]:>9}{row[7]:>8}")
    print(f"\n{'N':>3} {'server':<7}{'before MB':>10}{'peak MB':>9}{'KB/session':>11}")
    for row in memory_rows(res):
        print(f"{row[0]:>3} {row[1]:<7}{row[2]:>10}{row[3]:>9}{row[4]:>11}")
    if res.load.sequential:
        print("\n" + sequential_text(res))
    print(
        f"\nbuild: fetch {fmt(res.times.get('fetch'))} s, build {fmt(res.times.get('build'))} s, export html "
        f"{fmt(res.times.get('export'))} s"
    )
    print("\nTargets:")
    for target, measured, result in summary_rows(res):
        print(f"  {result.replace('*', ''):<6} {target}: {measured}")
    print(
        f"Sanity: {len(res.tally.blocked)} blocked non-local requests, {len(res.tally.page_errors)} page errors, "
        f"{len(res.tally.failures)} failed browser loads."
    )


# ---------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and levels (a smoke run; noisier)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to write")
    parser.add_argument("--data", type=Path, help="use this built layer directory instead of building one")
    parser.add_argument("--loads", type=int, help="measured loads per page (default 7, quick 3)")
    parser.add_argument(
        "--min-paths", type=int, help="paths that make a map 'drawn' (default: districts + links of the build)"
    )
    parser.add_argument(
        "--file-watcher",
        choices=["auto", "watchdog", "poll", "none"],
        help="pass --server.fileWatcherType to every server (default: what .streamlit/config.toml says)",
    )
    args = parser.parse_args(argv)
    args.loads = args.loads or (3 if args.quick else 7)
    args.clicks = 3 if args.quick else 7
    args.rounds = 1 if args.quick else 5  # load batches per level and kind
    args.pool_rounds = 1 if args.quick else 3
    args.levels = QUICK_LEVELS if args.quick else LEVELS
    args.sequential = QUICK_SEQUENTIAL if args.quick else SEQUENTIAL
    return args


def browser_part(
    args, app: Server, floor: Target, targets: list[Target], build: Path, res_kwargs: dict, tally: Tally
) -> str:
    """Everything measured in Chromium one page at a time; returns the browser version for the report."""
    counts = res_kwargs["counts"]
    min_paths = res_kwargs["min_paths"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        say("==> time to ready")
        res_kwargs["loads"], res_kwargs["paired"] = measure_loads(browser, tally, floor, targets, args.loads)
        say("==> click to details")
        res_kwargs["clicks"] = measure_clicks(browser, tally, app, click_target(build), min_paths, args.clicks)
        say("==> next slide")
        res_kwargs["slides"] = measure_slides(browser, tally, app, build, min_paths)
        say("==> payload and timeline")
        res_kwargs["traces"] = [
            traced_load(
                browser, tally, target, sum(counts.values()) if target.min_paths == min_paths else target.min_paths
            )
            for target in [floor, *targets]
            if not target.url.startswith("file:")  # the static HTML has no server: its size is the file's
        ]
        version = browser.version
        browser.close()
    return version


def province_names(build: Path) -> list[str]:
    """Every province the explore page offers with both borders, as its links name them."""
    sys.path.insert(0, str(ROOT / "src"))
    from border_map.model import queries as views  # noqa: PLC0415 - the app's own list, from the same build
    from border_map.model.dataset import load_dataset  # noqa: PLC0415

    return [name for _country, name in views.province_choices(load_dataset(build), "both")]


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: scripts/bench.sh installs Debian chromium")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tally = Tally()
    load_at_start = load_average()
    times: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="border-map-bench-") as tmp:
        work = Path(tmp)
        say("==> fetching and building the boundary layers")
        if args.data:
            build = args.data.resolve()
            mirror = os.environ.get("BORDER_MAP_MIRROR") or str(ROOT.parent / "shared" / "geodata")
            fetch = ["fetch", "--dest", str(work / "sources")] + (["--mirror", mirror] if Path(mirror).is_dir() else [])
            times["fetch"] = run_cli(*fetch)
            times["how"] = "for the naive page; the build was given"
        else:
            build = build_layers(work, times)
        counts = path_counts(build)
        min_paths = args.min_paths or counts["districts"] + counts["links"]
        naive_files = national_district_files(work / "sources")
        naive_paths = drawn_features(naive_files)
        provinces = province_names(build)
        static = work / "export" / "overview.html"
        static.parent.mkdir()
        times["export"] = run_cli(
            "export", "html", "--view", "overview", "--out", str(static), env={"BORDER_MAP_DATA": str(build)}
        )
        # Each script sits alone in its directory: Streamlit watches the script's directory per session.
        scripts = {
            "floor": FLOOR_APP,
            "floor_nodelay": FLOOR_NODELAY_APP,
            "map_only": MAP_ONLY_APP,
            "naive": NAIVE_APP % json.dumps([str(f) for f in naive_files], indent=4),
        }
        for name, text in scripts.items():
            (work / name).mkdir()
            (work / name / f"{name}.py").write_text(text, encoding="utf-8")
        (work / "logs").mkdir()
        say("==> starting the servers")
        extra = ("--server.fileWatcherType", args.file_watcher) if args.file_watcher else ()
        env = {"BORDER_MAP_DATA": str(build)}
        servers: dict[str, Server] = {}
        try:
            servers["app"] = Server(ROOT / "app.py", env, work / "logs" / "app.log", extra)
            for name in scripts:
                servers[name] = Server(work / name / f"{name}.py", env, work / "logs" / f"{name}.log", extra)
            app, floor = servers["app"], servers["floor"]
            floor_target = Target(FLOOR, floor.url + FLOOR.path, 0)
            targets = [Target(spec, app.url + spec.path, min_paths) for spec in PAGES]
            targets += [
                Target(MAP_ONLY, servers["map_only"].url + "/", min_paths),
                Target(NAIVE, servers["naive"].url + "/", naive_paths),
                Target(STATIC, static.as_uri(), min_paths),
                Target(FLOOR_NODELAY, servers["floor_nodelay"].url + FLOOR_NODELAY.path, 0),
            ]
            kwargs = {"counts": counts, "min_paths": min_paths}
            version = browser_part(args, app, floor_target, targets, build, kwargs, tally)
            say(f"==> {POOL_SIZE} browsers at once")
            pool = asyncio.run(browser_pool(tally, floor_target, targets[0], args.pool_rounds))
            for name in ("map_only", "naive", "floor_nodelay"):  # not loaded any more: give their CPU and memory back
                servers.pop(name).stop()
            say("==> load: concurrent sessions (Locust)")
            load = measure_load(app, floor, provinces, args, work)
        finally:
            for server in servers.values():
                server.stop()
        say("==> memory: sequential sessions (Locust)")
        load.sequential = measure_sequential(build, provinces, args, work, extra)
        static_bytes = static.stat().st_size
    settings = {
        "quick": args.quick,
        "loads": args.loads,
        "clicks": args.clicks,
        "rounds": args.rounds,
        "pool_rounds": args.pool_rounds,
        "levels": args.levels,
        "sequential": args.sequential,
        "file_watcher": args.file_watcher,
    }
    load_text = f"{load_at_start} at the start, {load_average()} at the end (on {os.cpu_count()} CPUs)"
    res = Results(
        started,
        settings,
        {**machine(version), "Load average (1 min)": load_text},
        naive_paths=naive_paths,
        times=times,
        static_bytes=static_bytes,
        pool=pool,
        load=load,
        tally=tally,
        **kwargs,
    )
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    plots = {"load": out.with_suffix(".svg"), "memory": out.with_name(out.stem + "-memory.svg")}
    plots["load"].write_text(load_plot(load.levels), encoding="utf-8")
    plots["memory"].write_text(memory_plot(load.sequential), encoding="utf-8")
    out.write_text(markdown(res, {k: v.name for k, v in plots.items()}), encoding="utf-8")
    print_summary(res)
    print(f"\nwrote {out.name}, {plots['load'].name} and {plots['memory'].name} in {out.parent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
