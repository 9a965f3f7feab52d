"""Benchmarks for border_map: time to map, click to details, payload per page, and concurrent sessions.

Run by scripts/bench.sh. It builds the boundary layers into a temporary directory (from the local mirror),
starts its own Streamlit servers on free loopback ports (the app, and a one-line "floor" app that shows what
Streamlit itself costs), drives Debian Chromium through Playwright with every non-local request blocked, and
speaks Streamlit's websocket protocol directly for the concurrency test. It writes docs/benchmarks.md and a
small SVG plot beside it.

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

import websockets
from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import browser_support  # noqa: E402 - the browser and servers the tests use, started the same way
from browser_support import CHROMIUM, IFRAME, LAUNCH_ARGS  # noqa: E402

VIEWPORT = {"width": 1400, "height": 1000}
FLOOR_TEXT = "hello border"
FLOOR_APP = f'import streamlit as st\n\nst.write("{FLOOR_TEXT}")\n'
# Any URL that is not this machine (data:, blob: and about: never reach the network, so they are not counted).
NOT_LOCAL = re.compile(r"^(?!data:|blob:|about:|(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$))")
LIVE_MAP = (
    "Object.keys(window).filter(n => n.startsWith('map_')).map(n => window[n]).find(m => m._container.isConnected)"
)
MAP_WAIT_MS = 45_000
CLICK_WAIT_MS = 10_000
CLICK = {"district": "Chiang Khan", "pair": "08-1", "text": "Pair 08-1", "target_s": 1.0}
LEVELS = (1, 5, 10, 20)
CONCURRENCY_TARGET = 2.0  # overview p95 at the highest level, as a multiple of the floor's p95 there
WS_TIMEOUT_S = 90.0
MAP_MIN_BYTES = 8_000  # a real overview run carries the map (~15 KB; its shapes load as files); less: an empty page


@dataclass(frozen=True)
class PageSpec:
    """One page to measure: where it lives, what 'ready' means on it, and its target."""

    name: str
    path: str
    ws_page: str  # the url_pathname the frontend sends in ClientState.page_name
    ws_query: str
    text: str | None = None  # ready when this text is visible; None: ready when the map is drawn
    target_ratio: float | None = None


PAGES = (
    PageSpec("overview", "/", "", "", target_ratio=1.3),
    PageSpec("explore", "/explore?province=Loei", "explore", "province=Loei", target_ratio=1.5),
    PageSpec("stories", "/stories", "stories", "", target_ratio=1.5),
    PageSpec("data", "/data", "data", "", text="What the build found"),
)
FLOOR = PageSpec("floor", "/", "", "", text=FLOOR_TEXT)

# Ready predicates, evaluated in the top frame on every animation frame. The component iframe is same-origin,
# so its document is readable from the page; the last iframe is the live one after a rerun swaps it.
MAP_READY_JS = """([selector, minPaths]) => {
  const frames = document.querySelectorAll(selector);
  const frame = frames[frames.length - 1];
  if (!frame || !frame.contentDocument) return false;
  if (frame.getBoundingClientRect().height <= 100) return false;
  const paths = frame.contentDocument.querySelectorAll('.leaflet-overlay-pane path').length;
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
# Installed only in traced loads: records (epoch ms, first time only) when the component iframe appears, is
# sized, loads Leaflet and draws. It polls from the top frame on every animation frame: the iframe's window is
# reused from its initial about:blank document, so an observer installed inside the iframe would miss the map.
MARKS_JS = """(() => {
  if (window !== window.top) return;
  const cfg = %s;
  const marks = window.__bmMarks = {};
  const mark = (name) => { if (!(name in marks)) marks[name] = performance.timeOrigin + performance.now(); };
  const stop = performance.now() + 60000;
  const poll = () => {
    const frames = document.querySelectorAll(cfg.iframe);
    const frame = frames[frames.length - 1];
    if (frame) {
      mark('component iframe element inserted');
      if (frame.getBoundingClientRect().height > 100) mark('component iframe sized > 100 px');
      const doc = frame.contentDocument;
      if (doc && doc.URL !== 'about:blank' && doc.body) {
        mark('component document has a body');
        if (frame.contentWindow.L) mark('Leaflet library evaluated in the iframe');
        if (doc.querySelector('.leaflet-container')) mark('Leaflet map created');
        const paths = doc.querySelectorAll('.leaflet-overlay-pane path').length;
        if (paths > 0) mark('first SVG path drawn');
        if (paths >= cfg.minPaths) mark(`${cfg.minPaths} paths drawn (districts + links)`);
        if (paths >= cfg.allPaths) mark(`all ${cfg.allPaths} paths drawn`);
      }
    }
    if (cfg.text && document.body && document.body.innerText.includes(cfg.text)) mark(`text "${cfg.text}" in page`);
    if (performance.now() < stop) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
})();"""


# ---------------------------------------------------------------- servers and data


class Server(browser_support.Server):
    """The tests' server (`streamlit run` on a free loopback port, run from the project root, as a user would
    start it), plus what the benchmark reads of it: its memory."""

    def __init__(self, script: Path, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()):
        super().__init__(ROOT, script, env, log, extra, wait_s=90)

    def rss_mb(self) -> float | None:
        """Resident memory of the server process (VmRSS), the number an operator would watch."""
        try:
            status = Path(f"/proc/{self.proc.pid}/status").read_text()
        except OSError:
            return None
        found = re.search(r"^VmRSS:\s+(\d+) kB", status, re.MULTILINE)
        return int(found.group(1)) / 1024 if found else None


def run_cli(*args: str) -> None:
    """`python -m border_map ...` exactly as the README says; a failure stops the benchmark with its message."""
    result = subprocess.run(  # noqa: S603 - our own interpreter and fixed arguments, no shell
        [sys.executable, "-m", "border_map", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"python -m border_map {args[0]} failed:\n{result.stderr[-2000:]}")


def build_layers(work: Path) -> Path:
    """Fetch from the mirror and build into `work`, so the benchmark runs the same on a fresh clone."""
    mirror = os.environ.get("BORDER_MAP_MIRROR") or str(ROOT.parent / "shared" / "geodata")
    sources, build = work / "sources", work / "build"
    fetch = ["fetch", "--dest", str(sources)]
    if Path(mirror).is_dir():
        fetch += ["--mirror", mirror]
    else:
        print("==> no boundary mirror found: fetching the public URLs", file=sys.stderr)
    run_cli(*fetch)
    run_cli("build", "--sources", str(sources), "--out", str(build))
    return build


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

    def open(self, url: str, spec: PageSpec, min_paths: int) -> tuple[float, object]:
        """Seconds from navigation start to ready, and what the ready check saw (path count or True)."""
        script, arg = ready_check(spec, min_paths)
        started = time.perf_counter()
        self.page.goto(url, wait_until="commit")
        handle = self.page.wait_for_function(script, arg=arg, polling="raf", timeout=MAP_WAIT_MS)
        return time.perf_counter() - started, handle.json_value()

    def close(self) -> None:
        self.context.close()


def ready_check(spec: PageSpec, min_paths: int) -> tuple[str, object]:
    if spec.text:
        return TEXT_READY_JS, spec.text
    return MAP_READY_JS, [IFRAME, min_paths]


def timed_load(browser: Browser, tally: Tally, base: str, spec: PageSpec, min_paths: int) -> float | None:
    """One measured load; a timeout is recorded as a failure rather than stopping the whole report."""
    visit = Visit(browser, tally)
    try:
        seconds, _seen = visit.open(base + spec.path, spec, min_paths)
    except PlaywrightError as error:
        tally.failures.append(f"{spec.name}: {str(error).splitlines()[0]}")
        return None
    finally:
        visit.close()
    return seconds


def measure_loads(browser, tally, app: Server, floor: Server, loads: int, min_paths: int) -> tuple[dict, dict]:
    """Time to ready for every page, each load paired with a floor load so both see the same machine load.

    Returns the samples per page, and per page the ratios of each load to its own floor load: on a shared
    machine whose load drifts during the run, those paired ratios are steadier than a ratio of medians.
    Round 0 warms both servers (caches, lazy imports) and is not kept. The pair order alternates per round.
    """
    samples: dict[str, list[float]] = {spec.name: [] for spec in (FLOOR, *PAGES)}
    paired: dict[str, list[float]] = {spec.name: [] for spec in PAGES}
    for round_no in range(loads + 1):
        for spec in PAGES:
            order = [(floor, FLOOR), (app, spec)]
            pair = {}
            for server, which in order if round_no % 2 else reversed(order):
                pair[which.name] = timed_load(browser, tally, server.url, which, min_paths)
            if round_no == 0:
                continue
            for name, seconds in pair.items():
                if seconds is not None:
                    samples[name].append(seconds)
            if pair[spec.name] is not None and pair[FLOOR.name]:
                paired[spec.name].append(pair[spec.name] / pair[FLOOR.name])
        print(f"    round {round_no}/{loads}" + (" (warm-up)" if round_no == 0 else ""), file=sys.stderr)
    return samples, paired


@dataclass
class ClickSample:
    seconds: float | None
    ws_bytes: int  # websocket bytes received between the click and the details being shown (+0.5 s)
    url_has_pair: bool
    zoomed_in: int  # zoom levels added before the district could be hit (0: clicked at the page's own zoom)


def settle_map(frame, seconds: float = 3.0) -> None:
    """Wait for Leaflet's fit-bounds animation to end, so the point computed for the click stays put."""
    script = f"() => {{ const m = {LIVE_MAP}; if (!m) return null; const c = m.getCenter();"
    script += " return [c.lat, c.lng, m.getZoom(), !!m._animatingZoom]; }"
    last, deadline = None, time.time() + seconds
    while time.time() < deadline:
        state = frame.evaluate(script)
        if state and state == last and not state[3]:
            return
        last = state
        time.sleep(0.15)


# Converts candidate (lat, lon) to the iframe's viewport and keeps the first whose topmost element is the
# district's own SVG path (Leaflet keeps the path on each layer as `_path`, the GeoJSON feature as `feature`).
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
    """
    iframe = visit.page.locator(IFRAME).last
    frame = iframe.element_handle().content_frame()
    settle_map(frame)
    zoomed, found = 0, frame.evaluate(HIT_TEST_JS, [target.feature_id, target.points])
    while not found and zoomed < max_zoom_in:
        frame.evaluate(ZOOM_IN_JS, list(target.points[0]))
        settle_map(frame)
        zoomed, found = zoomed + 1, frame.evaluate(HIT_TEST_JS, [target.feature_id, target.points])
    if not found:
        return None
    box = iframe.bounding_box()  # page coordinates; the iframe has no border, so its content starts here
    x, y = box["x"] + found[0], box["y"] + found[1]
    on_top = visit.page.evaluate(
        f"([x, y]) => document.elementFromPoint(x, y) === [...document.querySelectorAll('{IFRAME}')].pop()",
        [x, y],
    )
    return (x, y, zoomed) if on_top else None


def click_once(browser, tally, app: Server, target: ClickTarget, min_paths: int) -> ClickSample:
    """Load the overview, wait for the map, click inside the district and time until its pair's details show."""
    visit = Visit(browser, tally)
    frames: list[int] = []
    visit.page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    try:
        visit.open(app.url + "/", PAGES[0], min_paths)
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
# the map have both moved. Polled from the top frame on every animation frame.
SLIDE_READY_JS = """([selector, label, bounds]) => {
  if (!document.body.innerText.includes(label)) return false;
  const frames = document.querySelectorAll(selector);
  const frame = frames[frames.length - 1];
  const map = frame && frame.contentWindow && frame.contentWindow.map_div;
  if (!map || !map._loaded) return false;
  const c = map.getCenter();
  const [[south, west], [north, east]] = bounds;
  return c.lat > south && c.lat < north && c.lng > west && c.lng < east;
}"""


def measure_slides(browser, tally, app: Server, build: Path, min_paths: int) -> list[tuple[str, float | None]]:
    """Through the whole deck with the Right key at 1280x720: (slide kind, seconds until text and map moved)."""
    sys.path.insert(0, str(ROOT / "src"))
    from border_map import deck  # noqa: PLC0415 - the deck the server shows, from the same build
    from border_map.dataset import load_dataset  # noqa: PLC0415

    data = load_dataset(build)
    slides = deck.slides(data, "en")
    visit = Visit(browser, tally)
    visit.page.set_viewport_size({"width": 1280, "height": 720})
    samples: list[tuple[str, float | None]] = []
    try:
        visit.page.goto(app.url + "/present?slide=1", wait_until="commit")
        visit.page.wait_for_function(MAP_READY_JS, arg=[IFRAME, min_paths], polling="raf", timeout=MAP_WAIT_MS)
        visit.page.wait_for_timeout(800)
        for number in range(2, len(slides) + 1):
            slide = slides[number - 1]
            label = f"{number} / {len(slides)}"
            started = time.perf_counter()
            visit.page.keyboard.press("ArrowRight")
            try:
                visit.page.wait_for_function(
                    SLIDE_READY_JS, arg=[IFRAME, label, slide.map.fit], polling="raf", timeout=10_000
                )
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
    """A short label for a ForwardMsg: its type, and for a new element the element type (and component name)."""
    kind = msg.WhichOneof("type") or "?"
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element.WhichOneof("type")
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


def bundle_event(trace: Trace, recorder: Recorder, at) -> None:
    """Streamlit's own files: those it needs to boot (before the websocket) and element code it fetches later.

    The later ones matter: the frontend fetches an element's code (the component host, the data grid) only
    when the first such element arrives, so that download sits between the delta and the drawing.
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
    for request_id, name in late.items():
        if name.startswith("ComponentInstance"):
            for m, p in recorder.events:
                if m == "Network.requestWillBeSent" and p["requestId"] == request_id:
                    trace.timeline.append((at(p["timestamp"]), f"Streamlit's component host code requested ({name})"))
            for when, _n in finished(recorder, {request_id}):
                trace.timeline.append((at(when), f"Streamlit's component host code loaded on demand ({name})"))
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


def traced_load(browser, tally, base: str, spec: PageSpec, min_paths: int, all_paths: int) -> Trace:
    """A load with CDP and in-page marks on: slower than a timed load, so it is kept out of the timings."""
    config = {"iframe": IFRAME, "minPaths": min_paths, "allPaths": all_paths, "text": spec.text}
    visit = Visit(browser, tally, init_script=MARKS_JS % json.dumps(config))
    recorder = Recorder(visit)
    trace = Trace(spec.name)
    try:
        started_epoch = time.time()
        trace.ready_s, _seen = visit.open(base + spec.path, spec, min_paths)
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
    trace.timeline.sort()
    visit.close()
    return trace


# ---------------------------------------------------------------- concurrency over Streamlit's websocket


@dataclass
class Session:
    seconds: float | None = None
    bytes: int = 0
    largest: int = 0
    component: bool = False
    error: str | None = None


def rerun_message(spec: PageSpec, port: int) -> bytes:
    """What the frontend sends first: run the script for this page, with the URL's query string."""
    msg = BackMsg()
    state = msg.rerun_script
    state.query_string = spec.ws_query
    state.page_script_hash = ""
    state.page_name = spec.ws_page
    state.context_info.timezone = "UTC"
    state.context_info.locale = "en-US"
    state.context_info.url = f"http://127.0.0.1:{port}{spec.path}"
    return msg.SerializeToString()


async def read_run(ws, result: Session, started: float) -> None:
    """Read ForwardMsgs until this run's script_finished; a shown exception or a failed run is an error."""
    while True:
        payload = await ws.recv()
        result.bytes += len(payload)
        result.largest = max(result.largest, len(payload))
        msg = ForwardMsg()
        msg.ParseFromString(payload)
        label = describe(msg)
        if label == "element exception":
            result.error = f"exception shown: {msg.delta.new_element.exception.message[:120]}"
        elif label.startswith("component") and "st_folium" in label:
            result.component = True
        elif label == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                result.seconds = time.perf_counter() - started
                return
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                result.error = "script failed to compile"
                return
            # FINISHED_EARLY_FOR_RERUN: the script asked for a rerun; the next run's end is the real one.


async def ws_session(port: int, spec: PageSpec, done: asyncio.Queue, release: asyncio.Event) -> None:
    """One browser-less session: connect, ask for a run, wait for its end, then stay connected until released.

    Sessions stay open until every session of the batch has finished, as open browser tabs would, so the
    server holds all of them at once when its memory is read.
    """
    result, started, reported = Session(), time.perf_counter(), False
    try:
        url = f"ws://127.0.0.1:{port}/_stcore/stream"
        async with websockets.connect(url, subprotocols=["streamlit"], max_size=None, open_timeout=WS_TIMEOUT_S) as ws:
            await ws.send(rerun_message(spec, port))
            async with asyncio.timeout(WS_TIMEOUT_S):
                await read_run(ws, result, started)
            if not spec.text and result.error is None and (not result.component or result.bytes < MAP_MIN_BYTES):
                result.error = f"no map delta ({result.bytes} bytes)"
            done.put_nowait(result)
            reported = True
            await release.wait()
    except TimeoutError:
        result.error = "timeout"
    except (OSError, websockets.exceptions.WebSocketException) as error:
        result.error = f"{type(error).__name__}: {error}"
    if result.seconds is None and result.error is None:
        result.error = "no script_finished"
    if not reported:
        done.put_nowait(result)


async def batch(server: Server, spec: PageSpec, sessions: int) -> tuple[list[Session], float | None]:
    """`sessions` sessions started at once; returns them and the server's RSS while all are still open."""
    done: asyncio.Queue = asyncio.Queue()
    release = asyncio.Event()
    tasks = [asyncio.create_task(ws_session(server.port, spec, done, release)) for _ in range(sessions)]
    results = [await done.get() for _ in range(sessions)]
    rss = server.rss_mb()
    release.set()
    await asyncio.gather(*tasks)
    return results, rss


@dataclass
class Level:
    sessions: int
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)
    bytes: dict[str, int] = field(default_factory=dict)  # per session, smallest seen (a map must be in all)
    rss_open: dict[str, float] = field(default_factory=dict)


async def concurrency(app: Server, floor: Server, rounds: int) -> tuple[list[Level], dict[str, dict]]:
    """Every level against both servers, alternating which goes first, with RSS before and after."""
    servers = {"floor": (floor, FLOOR), "overview": (app, PAGES[0])}
    memory = {name: {"before": server.rss_mb()} for name, (server, _spec) in servers.items()}
    for server, spec in servers.values():  # one unmeasured session each: imports and caches are warm
        await batch(server, spec, 1)
    levels = []
    for sessions in LEVELS:
        level = Level(sessions)
        for round_no in range(rounds):
            names = list(servers) if round_no % 2 == 0 else list(reversed(servers))
            for name in names:
                server, spec = servers[name]
                results, rss = await batch(server, spec, sessions)
                level.times.setdefault(name, []).extend(r.seconds for r in results if r.seconds is not None)
                level.errors.setdefault(name, []).extend(r.error for r in results if r.error)
                level.bytes[name] = min([r.bytes for r in results] + [level.bytes.get(name, math.inf)])
                level.rss_open[name] = max(level.rss_open.get(name, 0.0), rss or 0.0)
                await asyncio.sleep(0.5)
        print(f"    {sessions} concurrent sessions done", file=sys.stderr)
        levels.append(level)
    await asyncio.sleep(2)
    for name, (server, _spec) in servers.items():
        memory[name]["after"] = server.rss_mb()
    return levels, memory


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
    loads: dict[str, list[float]]
    paired: dict[str, list[float]]
    clicks: list[ClickSample]
    slides: list[tuple[str, float | None]]
    traces: list[Trace]
    levels: list[Level]
    memory: dict[str, dict]
    tally: Tally


def load_rows(res: Results) -> list[list[str]]:
    floor = median(res.loads["floor"])
    rows = [["floor (one-line app)", fmt(floor), "1.00", "1.00", "—", "reference", str(len(res.loads["floor"]))]]
    for spec in PAGES:
        value = median(res.loads[spec.name])
        ratio = value / floor if value and floor else None
        ok = None if spec.target_ratio is None or ratio is None else ratio <= spec.target_ratio
        target = f"≤ {spec.target_ratio}× floor" if spec.target_ratio else "—"
        paired = fmt(median(res.paired[spec.name]))
        rows.append([f"{spec.name} `{spec.path}`", fmt(value), fmt(ratio), paired, target, verdict(ok)])
        rows[-1].append(str(len(res.loads[spec.name])))
    return rows


def click_summary(res: Results) -> tuple[float | None, bool | None]:
    value = median([c.seconds for c in res.clicks if c.seconds is not None])
    return value, None if value is None else value <= CLICK["target_s"]


def concurrency_summary(res: Results) -> tuple[float | None, bool | None]:
    """Overview p95 over floor p95 at the highest level, and whether the target (and zero errors) holds."""
    if not res.levels:
        return None, None
    top = res.levels[-1]
    floor, app = percentile(top.times.get("floor", []), 95), percentile(top.times.get("overview", []), 95)
    ratio = app / floor if app and floor else None
    errors = sum(len(level.errors.get(name, [])) for level in res.levels for name in ("floor", "overview"))
    return ratio, None if ratio is None else (ratio <= CONCURRENCY_TARGET and errors == 0)


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


def concurrency_rows(res: Results) -> list[list[str]]:
    rows = []
    for level in res.levels:
        floor_p95 = percentile(level.times.get("floor", []), 95)
        for name in ("floor", "overview"):
            times = level.times.get(name, [])
            p95 = percentile(times, 95)
            ratio = fmt(p95 / floor_p95) if p95 and floor_p95 else "—"
            rows.append(
                [
                    str(level.sessions),
                    name,
                    str(len(times)),
                    fmt(median(times)),
                    fmt(p95),
                    fmt(max(times) if times else None),
                    ratio if name == "overview" else "1.00",
                    str(len(level.errors.get(name, []))),
                    f"{level.bytes.get(name, 0) / 1024:.0f}",
                    fmt(level.rss_open.get(name), 0),
                ]
            )
    return rows


def timeline_section(trace: Trace) -> str:
    rows = [[f"{seconds * 1000:.0f}", label] for seconds, label in trace.timeline]
    return table(["ms after goto", "event"], rows)


def markdown(res: Results, plot_name: str) -> str:
    floor_med = median(res.loads["floor"])
    click_med, click_ok = click_summary(res)
    conc_ratio, conc_ok = concurrency_summary(res)
    counts = res.counts
    out = [
        "# Benchmarks",
        "",
        f"Generated by `scripts/bench.sh{' --quick' if res.settings['quick'] else ''}` on {res.started}. "
        "A report, not a test: rerun it after a change and compare with the same machine's numbers.",
        "",
        "## Machine",
        "",
        table(["", ""], [[k, v] for k, v in res.machine.items()]),
        "",
        "## Summary",
        "",
        table(["target", "measured", "result"], summary_rows(res, floor_med, click_med, click_ok, conc_ratio, conc_ok)),
        "",
        f"Sanity: {len(res.tally.blocked)} requests to other hosts were attempted and blocked (must be 0); "
        f"{len(res.tally.page_errors)} uncaught page errors; {len(res.tally.failures)} loads timed out or failed.",
        "",
        "## Method",
        "",
        method_text(res),
        "",
        "## Time to ready",
        "",
        table(["page", "median s", "× floor", "paired × floor", "target", "result", "loads"], load_rows(res)),
        "",
        f"Map pages are ready when the map iframe is taller than 100 px and its overlay pane holds at least "
        f"{res.min_paths} SVG paths (districts {counts['districts']} + links {counts['links']}; with provinces "
        f"{counts['provinces']} the overview draws {sum(counts.values())}).",
        "",
        "## Present: next slide",
        "",
        "The whole deck at 1280×720, one Right key at a time; the clock stops when the counter shows the new "
        "slide and the live map's centre is inside that slide's view (text and map both moved).",
        "",
        table(["slide kind", "slides", "median s", "max s"], slide_rows(res)),
        "",
        "## Click to details",
        "",
        table(
            ["measure", "value"],
            [
                ["median s, click → “" + CLICK["text"] + "” visible", fmt(click_med)],
                ["target", f"≤ {CLICK['target_s']} s: {verdict(click_ok)}"],
                ["samples (s)", ", ".join(fmt(c.seconds) for c in res.clicks)],
                [
                    "websocket KB received per click (median)",
                    fmt(median([c.ws_bytes / 1024 for c in res.clicks if c.seconds is not None]), 0),
                ],
                [
                    "URL carries the pair after the click",
                    f"{sum(c.url_has_pair for c in res.clicks)}/{len(res.clicks)}",
                ],
                [
                    "zoom levels added before the district could be hit (-1: no clickable point)",
                    ", ".join(str(c.zoomed_in) for c in res.clicks),
                ],
            ],
        ),
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
            ],
        ),
        "",
        "“runs” counts `new_session` messages: how many times the script ran for one page load.",
        "",
        "## Concurrent sessions (websocket level, no browser)",
        "",
        table(
            ["N", "app", "samples", "median s", "p95 s", "max s", "p95 × floor", "errors", "KB/session", "RSS MB"],
            concurrency_rows(res),
        ),
        "",
        f"![p95 time to script_finished against concurrent sessions]({plot_name})",
        "",
        memory_text(res),
        "",
        "## Where the time goes: one traced load",
        "",
    ]
    for trace in res.traces:
        if trace.page in ("floor", "overview"):
            out += [f"### {trace.page}", "", timeline_section(trace), ""]
    out += ["## Raw samples (s)", ""]
    out += [f"- {name}: {', '.join(fmt(v) for v in values)}" for name, values in res.loads.items()]
    if res.tally.failures or res.tally.blocked or res.tally.page_errors:
        out += ["", "## Problems seen", ""]
        out += [f"- {line}" for line in (res.tally.failures + res.tally.blocked + res.tally.page_errors)[:30]]
    return "\n".join(out) + "\n"


def slide_worst(res: Results) -> float | None:
    times = [t for _kind, t in res.slides]
    return None if not times or None in times else max(times)


def slide_rows(res: Results) -> list[list[str]]:
    kinds: dict[str, list[float]] = {}
    for kind, seconds in res.slides:
        if seconds is not None:
            kinds.setdefault(kind, []).append(seconds)
    return [[kind, str(len(v)), fmt(median(v)), fmt(max(v))] for kind, v in kinds.items()]


def summary_rows(res, floor_med, click_med, click_ok, conc_ratio, conc_ok) -> list[list[str]]:
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
    rows.append([f"click to details ≤ {CLICK['target_s']} s", f"{fmt(click_med)} s", verdict(click_ok)])
    worst = slide_worst(res)
    rows.append(
        [
            f"next slide redrawn ≤ {SLIDE_TARGET_S} s (slowest of the deck)",
            f"{fmt(worst)} s (median {fmt(median([t for _k, t in res.slides if t is not None]))} s)",
            verdict(None if worst is None else worst <= SLIDE_TARGET_S),
        ]
    )
    top = LEVELS[-1]
    rows.append(
        [
            f"overview p95 at {top} sessions ≤ {CONCURRENCY_TARGET}× floor p95, 0 errors",
            f"{fmt(conc_ratio)}×",
            verdict(conc_ok),
        ]
    )
    return rows


def method_text(res: Results) -> str:
    loads, settings = len(res.loads["floor"]), res.settings
    return "\n\n".join(
        [
            "**Setup.** The script fetches the boundary layers from the local mirror, builds them into a temporary "
            "directory and starts two servers with `streamlit run` on free loopback ports: the app (with "
            '`BORDER_MAP_DATA` set to that build) and a one-line app, `st.write("hello border")`, the *floor*: what '
            "any Streamlit page costs on this machine. Both run from the project root, so both read its "
            f"`.streamlit/config.toml`; file watcher: {settings['file_watcher'] or 'as configured'}. "
            "Both are warmed by one unmeasured load of every page. Headless "
            "Debian Chromium is driven through Playwright; every request to a host other than this machine is "
            "refused and counted.",
            f"**Time to ready.** Each load uses a new browser context (empty cache, new Streamlit session). The clock "
            f'starts before `page.goto(url, wait_until="commit")` and stops when a check, polled on every animation '
            f"frame, first holds: for map pages, the component iframe is taller than 100 px and its Leaflet overlay "
            f"pane has at least {res.min_paths} SVG paths; for the floor and the data page, the text is visible. Every "
            f"page load is paired with a floor load (order alternating per round), {settings['loads']} rounds, so the "
            f"floor has {loads} samples and each page {settings['loads']}; the table gives medians, the ratio to "
            "the floor's median of the same run (judged against the target), and the median of each load's ratio to "
            "its own floor load (“paired”): when the machine's load drifts during the run, the paired figure is the "
            "steadier one, and the two differing much is a sign the run was disturbed.",
            f"**Click to details.** After the overview map is drawn and Leaflet's fit-bounds animation has stopped, "
            f"the real mouse clicks a point well inside {CLICK['district']} and away from link lines (shapely: the "
            "district shrunk by 0.01°, minus the links buffered by 0.02°, its representative point; then grid points "
            "of that area and of the whole district), converted to screen coordinates with Leaflet's "
            "`latLngToContainerPoint` and hit-tested in the iframe: the first candidate whose topmost element is the "
            "district's own SVG path is clicked. If something covers the whole district at the page's zoom, the map "
            "is zoomed in on it one level at a time (no animation; the map sends nothing to the server for a zoom) "
            f"and the table says so. The clock runs from the click to “{CLICK['text']}” being visible (at most "
            f"{CLICK_WAIT_MS // 1000} s); one warm-up click, then up to {settings['clicks']} samples, each in a new "
            "context.",
            "**Payload.** One more load per page with the DevTools protocol on (kept out of the timings): HTTP bytes "
            "are the sum of `Network.loadingFinished.encodedDataLength` (bytes on the wire, headers included, "
            "compressed where the server compresses); websocket bytes are the sizes of the frames received "
            "(`Network.webSocketFrameReceived`), each decoded as a Streamlit `ForwardMsg` to name it. The load counts "
            "until ready plus 1.5 s. The same load gives the timeline below, with marks recorded by a script polling "
            "from the top frame on every animation frame (when the iframe appears and is sized, when Leaflet is "
            "evaluated, creates the map and draws paths). It is one load, slowed a little by the tracing: read it "
            "for the order and the gaps, and the medians above for the totals.",
            f"**Concurrency.** No browser: N websocket sessions to `/_stcore/stream` are opened at once "
            f"(asyncio), each sending the `rerun_script` BackMsg the frontend sends on load, and timed from connect to "
            f"the run's `script_finished` (FINISHED_SUCCESSFULLY; a rerun requested by the script is waited through). "
            f"An error is a connection failure, a timeout ({WS_TIMEOUT_S:.0f} s), an exception element in the run, or, "
            f"for the overview, a run without the st_folium component or under {MAP_MIN_BYTES // 1000} KB, so an "
            f"empty page cannot pass as fast. Sessions stay open until the whole batch has finished, like open tabs. "
            f"N = {', '.join(map(str, LEVELS))}; {settings['rounds']} batches per N and app, floor and overview "
            "alternating; median, p95 (nearest rank) and max over all sessions of the level. This measures the "
            "server (script runs, serialisation, sending), not the browser's rendering. RSS is the server's VmRSS "
            "from /proc, read while a batch's sessions are all open. The floor is not a lower bound here: after "
            "every run Streamlit does a full garbage collection (`runner.postScriptGC`) over the whole heap, and an "
            "app that freezes its long-lived objects (`gc.freeze()`) makes that collection cheaper than the one-line "
            "app's, so a ratio below 1 is possible.",
        ]
    )


def memory_text(res: Results) -> str:
    parts = []
    for name, values in res.memory.items():
        before, after = values.get("before"), values.get("after")
        peak = max((level.rss_open.get(name, 0.0) for level in res.levels), default=None)
        parts.append(
            f"{name}: {fmt(before, 0)} MB before, {fmt(peak, 0)} MB peak with a batch open, {fmt(after, 0)} MB after"
        )
    return (
        "Server memory (VmRSS) around the concurrency test (“before” is after the browser loads) — "
        + "; ".join(parts)
        + ". Streamlit keeps a closed session's state for `server.disconnectedSessionTTL` (120 s), and Python "
        "rarely returns freed memory, so “after” is close to the peak."
    )


def svg_plot(levels: list[Level]) -> str:
    """A small line chart of p95 against N for both apps, with the target line; plain SVG, no plotting library."""
    width, height, left, right, top, bottom = 560, 320, 56, 150, 30, 42
    series = {
        name: [(lv.sessions, percentile(lv.times.get(name, []), 95)) for lv in levels] for name in ("floor", "overview")
    }
    target = [(n, p * CONCURRENCY_TARGET) for n, p in series["floor"] if p is not None]
    ymax = max([p for pts in [*series.values(), target] for _n, p in pts if p is not None] + [0.1]) * 1.1
    xmax = max(LEVELS)

    def x(n: float) -> float:
        return left + n / xmax * (width - left - right)

    def y(v: float) -> float:
        return height - bottom - v / ymax * (height - top - bottom)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
        'font-size="11">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
        f'<text x="{left}" y="18" font-size="13">p95 time to script_finished (s) vs concurrent sessions</text>',
    ]
    step = nice_step(ymax)
    tick = 0.0
    while tick <= ymax:
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick:g}</text>')
        tick = round(tick + step, 6)
    for n in LEVELS:
        parts.append(f'<text x="{x(n):.1f}" y="{height - bottom + 16}" text-anchor="middle">{n}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 8}" text-anchor="middle">sessions (N)</text>')
    styles = {"floor": ("#0072B2", ""), "overview": ("#D55E00", ""), f"{CONCURRENCY_TARGET:g}× floor": ("#777", "5 4")}
    lines = {**series, f"{CONCURRENCY_TARGET:g}× floor": target}
    for index, (name, points) in enumerate(lines.items()):
        colour, dash = styles[name]
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


def nice_step(span: float) -> float:
    """A round tick step giving about five gridlines."""
    raw = span / 5
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def print_summary(res: Results) -> None:
    print()
    print(f"{'page':<38}{'median s':>9}{'x floor':>9}{'paired':>9}  target")
    for row in load_rows(res):
        print(f"{row[0]:<38}{row[1]:>9}{row[2]:>9}{row[3]:>9}  {row[4]} {row[5].replace('*', '')}")
    click_med, click_ok = click_summary(res)
    result = verdict(click_ok).replace("*", "")
    print(f"\nclick to details: median {fmt(click_med)} s (target ≤ {CLICK['target_s']} s) {result}")
    print(f"\n{'payload':<10}{'HTTP KB':>9}{'ws KB':>9}{'largest ws KB':>15}")
    for t in res.traces:
        print(f"{t.page:<10}{t.http_bytes / 1024:>9.0f}{t.ws_bytes / 1024:>9.1f}{t.ws_largest / 1024:>15.1f}")
    print(f"\n{'N':>3} {'app':<9}{'median':>8}{'p95':>8}{'max':>8}{'x floor':>9}{'errors':>8}{'RSS MB':>8}")
    for row in concurrency_rows(res):
        print(f"{row[0]:>3} {row[1]:<9}{row[3]:>8}{row[4]:>8}{row[5]:>8}{row[6]:>9}{row[7]:>8}{row[9]:>8}")
    print("\nTargets:")
    floor_med = median(res.loads["floor"])
    conc_ratio, conc_ok = concurrency_summary(res)
    for target, measured, result in summary_rows(res, floor_med, click_med, click_ok, conc_ratio, conc_ok):
        print(f"  {result.replace('*', ''):<5} {target}: {measured}")
    print(
        f"Sanity: {len(res.tally.blocked)} blocked non-local requests, {len(res.tally.page_errors)} page errors, "
        f"{len(res.tally.failures)} failed loads."
    )


# ---------------------------------------------------------------- main


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run; noisier numbers)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md", help="the report to write")
    parser.add_argument("--data", type=Path, help="use this built layer directory instead of building one")
    parser.add_argument("--loads", type=int, help="measured loads per page (default 7, quick 3)")
    parser.add_argument(
        "--min-paths", type=int, help="paths that make a map 'drawn' (default: districts + links of the build)"
    )
    parser.add_argument(
        "--file-watcher",
        choices=["auto", "watchdog", "poll", "none"],
        help="pass --server.fileWatcherType to both servers (default: what .streamlit/config.toml says)",
    )
    args = parser.parse_args(argv)
    args.loads = args.loads or (3 if args.quick else 7)
    args.clicks = 3 if args.quick else 7
    args.rounds = 1 if args.quick else 3
    return args


def browser_part(args, app: Server, floor: Server, build: Path, res_kwargs: dict, tally: Tally) -> str:
    """Everything measured in Chromium; returns the browser version for the report."""
    counts = res_kwargs["counts"]
    min_paths = res_kwargs["min_paths"]
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        print("==> time to ready", file=sys.stderr)
        res_kwargs["loads"], res_kwargs["paired"] = measure_loads(browser, tally, app, floor, args.loads, min_paths)
        print("==> click to details", file=sys.stderr)
        res_kwargs["clicks"] = measure_clicks(browser, tally, app, click_target(build), min_paths, args.clicks)
        print("==> next slide", file=sys.stderr)
        res_kwargs["slides"] = measure_slides(browser, tally, app, build, min_paths)
        print("==> payload and timeline", file=sys.stderr)
        res_kwargs["traces"] = [
            traced_load(browser, tally, server.url, spec, min_paths, sum(counts.values()))
            for server, spec in [(floor, FLOOR)] + [(app, spec) for spec in PAGES]
        ]
        version = browser.version
        browser.close()
    return version


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: scripts/bench.sh installs Debian chromium")
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    tally = Tally()
    load_at_start = load_average()
    with tempfile.TemporaryDirectory(prefix="border-map-bench-") as tmp:
        work = Path(tmp)
        print("==> building the boundary layers", file=sys.stderr)
        build = args.data.resolve() if args.data else build_layers(work)
        counts = path_counts(build)
        min_paths = args.min_paths or counts["districts"] + counts["links"]
        # The floor script sits alone in its directory: Streamlit watches the script's directory per session.
        (work / "floor").mkdir()
        (work / "floor" / "hello.py").write_text(FLOOR_APP, encoding="utf-8")
        (work / "logs").mkdir()
        print("==> starting the servers", file=sys.stderr)
        extra = ("--server.fileWatcherType", args.file_watcher) if args.file_watcher else ()
        app = Server(ROOT / "app.py", {"BORDER_MAP_DATA": str(build)}, work / "logs" / "app.log", extra)
        try:
            floor = Server(work / "floor" / "hello.py", {}, work / "logs" / "floor.log", extra)
            try:
                kwargs = {"counts": counts, "min_paths": min_paths}
                version = browser_part(args, app, floor, build, kwargs, tally)
                print("==> concurrent sessions", file=sys.stderr)
                levels, memory = asyncio.run(concurrency(app, floor, args.rounds))
            finally:
                floor.stop()
        finally:
            app.stop()
    settings = {"quick": args.quick, "loads": args.loads, "clicks": args.clicks, "rounds": args.rounds}
    settings["file_watcher"] = args.file_watcher
    load = f"{load_at_start} at the start, {load_average()} at the end (on {os.cpu_count()} CPUs)"
    res = Results(
        started,
        settings,
        {**machine(version), "Load average (1 min)": load},
        levels=levels,
        memory=memory,
        tally=tally,
        **kwargs,
    )
    out = args.out if args.out.is_absolute() else Path.cwd() / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    plot = out.with_suffix(".svg")
    plot.write_text(svg_plot(levels), encoding="utf-8")
    out.write_text(markdown(res, plot.name), encoding="utf-8")
    print_summary(res)
    print(f"\nwrote {out.name} and {plot.name} in {out.parent}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
