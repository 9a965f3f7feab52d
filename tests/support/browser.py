"""Helpers for the browser tests: a Streamlit server, a guarded Chromium page, the live Leaflet map, geometry.

Everything here talks to this machine only. The tests' browser cannot reach another host (OFFLINE_ARGS); a
`Page` records every request addressed elsewhere (the test fails on it unless the test asked to judge the list
itself), and records console errors.

Reading state from the browser: Playwright's `page.url` misses the `history.pushState` calls Streamlit makes when
a script writes `st.query_params`, so the URL is read from `location.href`. The map is drawn in the page itself
by the app's map widget (map_widget.js), which names the live Leaflet map `window.bmMap`; map state is read
through it on every call, never through a kept handle (a new view replaces it). The JavaScript run in the page is
in tests/browser/js/ (`script`).

Waiting: on a condition, never for a fixed time. `settle` (what screenshots and `wait_for_map` wait for) is the
script done, no request in flight, the fonts loaded, no animation running, and the layout and the map unchanged
for a few animation frames; `pause` is only the interval of a poll.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

from shapely.geometry import Point, shape
from shapely.ops import unary_union

try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # the browser tests skip without Playwright (tests/conftest.py's browser)
    PlaywrightError = Exception

# The tests' browser: Debian's chromium-headless-shell, the same Blink as chromium without the full browser's
# window and compositor (what Playwright itself runs for headless pages). The browser was most of the suite's
# CPU: the layout and Present tours took 56 s of Chromium CPU with chromium, 44 s with the shell.
CHROMIUM = "/usr/bin/chromium-headless-shell"
# The benchmark's: the full browser, as a viewer runs it (scripts/bench.sh installs it).
CHROMIUM_FULL = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The tests' browser reaches this machine only: every other address goes through a proxy that is not there
# (Chromium never sends loopback through a proxy), so a request to another host fails at once, whatever its
# name or address. Pages see them as requests all the same (Page.external). Not by intercepting each request
# (Playwright's route), which turns the browser's cache off: every page then fetched and compiled Streamlit's
# scripts again.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=localhost;127.0.0.1;[::1]"]
SELECT_BOX = '.bm-pbox input[role="combobox"]'  # Explore's province box (web/components/province_box.js)
BOX_OPTIONS = '.bm-pbox [role="listbox"] [role="option"]'  # its options, as the text typed filters them
MAP_BOX = ".bm-map-box"  # the map widget's box in the page (map_widget.js): the Leaflet container and its legend
LOCAL = {"localhost", "127.0.0.1", "::1", "[::1]"}
STREAMLIT_PROBES = ("/_stcore/host-config", "/_stcore/health")
NAV_LABELS = ["Overview", "Explore by province", "Model-area stories", "Data & sources", "Present"]
NAV_LABELS_TH = ["ภาพรวม", "สำรวจรายจังหวัด", "เรื่องเล่าพื้นที่ต้นแบบ", "ข้อมูลและแหล่งที่มา", "นำเสนอ"]
TIMEOUT_MS = 30_000
HIGHLIGHT_RGB = (253, 226, 210)  # table_widget: the chosen pair's row, #fde2d2
JS_DIR = Path(__file__).resolve().parents[1] / "browser" / "js"


def script(name: str) -> str:
    """The browser tests' JavaScript, tests/browser/js/<name>.js; `/* live map */` in it stands for live.js (the
    live Leaflet map as `map`, its box as `frame`, or null when the page has none)."""
    text = (JS_DIR / f"{name}.js").read_text(encoding="utf-8")
    return text.replace("/* live map */", (JS_DIR / "live.js").read_text(encoding="utf-8").strip())


THAI_GLYPHS_JS = script("thai_glyphs")
MAP_STATE_JS = script("map_state")
SCREEN_POINT_JS = script("screen_point")
TOOLTIP_JS = script("tooltip")
SET_VIEW_JS = script("set_view")
LAYER_ORDER_JS = script("layer_order")
FRAME_EVAL_JS = script("frame_eval")
SETTLED_JS = script("settled")
MAP_READY_JS = script("map_ready")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """`streamlit run` on a free loopback port, stopped at the end; its output goes to `log`.

    The benchmark (scripts/bench/) starts its servers with this class too, so both see the app the same way.
    """

    def __init__(
        self,
        root: Path,
        script: Path,
        env: dict[str, str],
        log: Path,
        extra: tuple[str, ...] = (),
        wait_s: float = 60,
        port: int | None = None,
    ):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(self.port)]
        command += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        command += extra
        with log.open("wb") as out:
            self.proc = subprocess.Popen(command, cwd=root, env={**os.environ, **env}, stdout=out, stderr=out)
        deadline = time.time() + wait_s
        while time.time() < deadline and self.proc.poll() is None:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"streamlit did not start:\n{log.read_text(errors='replace')[-3000:]}")

    def status(self, path: str) -> dict | None:
        """A JSON answer of the server (the app's /warm), or None when it has none."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return json.loads(response.read())
        except (OSError, ValueError):
            return None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def query(**params: str) -> str:
    """`?a=b&c=d` with every value percent-encoded (spaces as %20, as a person pasting a link would)."""
    return "?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in params.items()) if params else ""


class Page:
    """A fresh browser context and page in the tests' browser, which reaches no other host (OFFLINE_ARGS).

    `external` collects the URLs asked of other hosts; `close()` fails on them unless `allow_external` (the test
    then judges the list). `requests` is every URL asked for, local or not.
    """

    def __init__(
        self, browser, width: int = 1400, height: int = 900, allow_external: bool = False, locale: str = "en-US"
    ):
        self.context = browser.new_context(viewport={"width": width, "height": height}, locale=locale)
        self.allow_external = allow_external
        self.closed = False
        self.external: list[str] = []
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", self._record)  # this page's and any it opens
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("response", self._response)
        self.inflight: set = set()  # requests asked for and not yet answered (settle waits for none)
        self.held: set[str] = set()  # except those a test holds back (hold)
        self.page.on("request", self._request_started)
        self.page.on("requestfinished", self._request_done)
        self.page.on("requestfailed", self._request_done)

    # --- guards ---------------------------------------------------------------------------------------

    def _console(self, message) -> None:
        # Failed loads are judged by URL in _response (refused requests are judged in _route).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(f"console: {message.text}")

    def _response(self, response) -> None:
        path = urlparse(response.url).path
        # Streamlit's frontend probes these under a page's URL path before the root; a 404 there is its own.
        probe = path.endswith(STREAMLIT_PROBES) and path.count("/") > 2
        if response.status >= 400 and not probe:
            self.errors.append(f"HTTP {response.status} {response.url}")

    def _request_started(self, request) -> None:
        self.inflight.add(request)

    def _record(self, request) -> None:
        url = request.url
        self.requests.append(url)
        if not url.startswith(("data:", "blob:", "about:", "file:")) and (urlparse(url).hostname or "") not in LOCAL:
            self.external.append(url)

    def _request_done(self, request) -> None:
        self.inflight.discard(request)
        if request.failure == "csp" and request.url in self.external:  # the page's own policy refused it: it
            self.external.remove(request.url)  # never left the browser (test_security judges those refusals)

    def close(self) -> None:
        """Close, failing on refused requests (unless allowed) and on console errors."""
        try:
            if not self.allow_external:
                assert not self.external, f"requests to other hosts were attempted: {self.external[:5]}"
            assert not self.errors, f"console errors: {self.errors[:5]}"
        finally:
            self.discard()

    def discard(self) -> None:
        """Close without judging (after a failure, so the first error is the one reported)."""
        if not self.closed:
            self.closed = True
            self.context.close()

    def pause(self, seconds: float) -> None:
        """Wait while Playwright keeps handling events (time.sleep would stall the route handler)."""
        self.page.wait_for_timeout(seconds * 1000)

    # --- Streamlit --------------------------------------------------------------------------------------

    def goto(self, url: str, idle: bool = True) -> None:
        self.page.goto(url, wait_until="domcontentloaded")
        if idle:
            self.wait_idle()

    def wait_idle(self, timeout: float = TIMEOUT_MS) -> None:
        """Connected and the script not running (Streamlit's own markers on the app root)."""
        self.page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"][data-test-script-state="notRunning"]',
            state="attached",
            timeout=timeout,
        )

    @property
    def url(self) -> str:
        return self.page.evaluate("() => location.href")

    def params(self) -> dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlparse(self.url).query, keep_blank_values=True).items()}

    def wait_for_param(self, name: str, value: str | None, timeout: float = 30) -> dict[str, str]:
        """Until the URL's `name` is `value` (None: absent), checked on every animation frame; returns the
        parameters then. Read as `params` reads them: the last of a repeated name."""
        try:
            self.page.wait_for_function(
                "([name, value]) => { const all = new URLSearchParams(location.search).getAll(name);"
                " return value === null ? all.length === 0 : all[all.length - 1] === value; }",
                arg=[name, value],
                polling="raf",
                timeout=timeout * 1000,
            )
        except PlaywrightError:
            raise AssertionError(f"URL parameter {name}={value!r} never came; URL is {self.url}") from None
        return self.params()

    def main_text(self) -> str:
        return self.page.locator('[data-testid="stMain"]').inner_text()

    def nav(self):
        """The sidebar's page links (controls): the app's own, Streamlit's menu is hidden."""
        return self.page.locator("nav.bm-nav")

    def nav_labels(self) -> list[str]:
        self.nav().wait_for()
        return [t.strip() for t in self.nav().locator("a").all_inner_texts()]

    def box_value(self) -> str:
        """What Explore's province box shows (its combobox input), "" when no province is shown."""
        return self.page.locator(SELECT_BOX).input_value()

    def type_in_box(self, typed: str, enter: bool = True) -> list[str]:
        """Type into Explore's province box and press Enter (unless not `enter`), as a viewer searching for a
        province does; returns the options the text left in its list, before Enter."""
        box = self.page.locator(SELECT_BOX)
        box.click()
        box.fill(typed)
        options = self.page.locator(BOX_OPTIONS).all_inner_texts()
        if enter:
            self.page.keyboard.press("Enter")
        return options

    def sidebar(self):
        return self.page.locator('[data-testid="stSidebar"]')

    def dialog(self):
        return self.page.locator('[role="dialog"]')

    # --- the map ------------------------------------------------------------------------------------------

    def map_state(self) -> dict | None:
        return self.page.evaluate(MAP_STATE_JS)

    def wait_for_map(self, min_paths: int, timeout: float = 45, exact: bool = False) -> dict:
        """Until the live map draws at least (`exact`: exactly) `min_paths` SVG paths in a sized box, and the page
        holds still (settle): the page may size the box after Leaflet starts, and the map refits on that resize."""
        deadline = time.time() + timeout
        state = None
        while time.time() < deadline:
            try:
                self.page.wait_for_function(
                    MAP_READY_JS, arg=[min_paths, exact], polling="raf", timeout=(deadline - time.time()) * 1000
                )
                self.settle(min_paths, timeout=max(1.0, deadline - time.time()))
            except (AssertionError, PlaywrightError):
                break
            state = self.map_state()
            ready = bool(state) and state["height"] > 100 and state["width"] > 100
            if ready and (state["paths"] == min_paths or (state["paths"] > min_paths and not exact)):
                return state
        raise AssertionError(f"map not drawn with {min_paths} paths within {timeout} s: {state or self.map_state()}")

    def wait_for_center(self, south: float, west: float, north: float, east: float, timeout: float = 30) -> dict:
        state = None
        deadline = time.time() + timeout
        while time.time() < deadline:
            state = self.map_state()
            if state and south < state["center"][0] < north and west < state["center"][1] < east:
                return state
            self.pause(0.2)
        raise AssertionError(f"map centre never inside {(south, west, north, east)}: {state}")

    def map_eval(self, expr: str):
        """Evaluate an expression in the page once its live map is there (`bmMap` is that map)."""
        return self.page.evaluate(FRAME_EVAL_JS, expr)

    def layer_order(self) -> list[tuple[str, int]]:
        """The clickable base shapes' kinds in stacking order (bottom first, across panes), as runs of one kind:
        [("province", 32), ("district", 81), ("link", 46)]."""
        return [tuple(run) for run in self.page.evaluate(LAYER_ORDER_JS) or []]

    def hold(self, *patterns: str) -> list:
        """Hold back requests to URLs matching `patterns` until `release(held)`: slow files, on purpose."""
        held: list = []

        def hold(route) -> None:
            held.append(route)
            self.held.add(route.request.url)

        for pattern in patterns:
            self.page.route(pattern, hold)
        return held

    def release(self, held: list) -> None:
        """Let the held requests through, and stop holding."""
        for route in held:
            route.continue_()
        self.page.unroute_all()
        self.held.clear()

    def provinces_first(self, go: Callable[[], None], provinces: int, total: int) -> None:
        """Do `go` (which loads a map) with the district and link files held back until the provinces are drawn.

        The base layers are files drawn in the order they arrive (test_layer_order_does_not_depend_on_arrival
        shows what that does); tests about other things load them in the intended order, so they test
        their own subject and not that race.
        """
        held = self.hold("**/layers/districts-*", "**/layers/links-*")
        go()
        deadline = time.time() + 30
        while not held and time.time() < deadline:  # the new map asks for its files (none: inline shapes)
            self.pause(0.1)
        if held:
            self.wait_for_map(provinces)  # nothing else can be drawn yet
        self.release(held)
        self.wait_for_map(total)

    def set_view(self, lat: float, lon: float, zoom: float) -> None:
        """Move the map as a user zooming in would (Leaflet's own setView, no animation), and wait until it is
        drawn there and holds still."""
        assert self.page.evaluate(SET_VIEW_JS, [lat, lon, zoom]), "no live map"
        self.settle()

    def waiting(self) -> list[str]:
        """The requests in flight, but for those held back on purpose."""
        return [r.url for r in self.inflight if r.url not in self.held]

    def settle(self, min_paths: int = 0, frames: int = 5, timeout: float = 20) -> None:
        """Until the page is still: the script not running, no request in flight, fonts loaded, no CSS animation
        or transition running, and the layout and the live map (at least `min_paths` shapes, when given)
        unchanged for `frames` animation frames in a row. What a screenshot waits for, instead of a fixed sleep."""
        self.wait_idle()
        deadline = time.time() + timeout
        while self.waiting() and time.time() < deadline:
            self.page.wait_for_timeout(20)  # a poll: the events that empty the set are handled meanwhile
        assert not self.waiting(), f"requests still in flight: {self.waiting()[:5]}"
        arg = {"minPaths": min_paths, "frames": frames, "timeoutMs": max(1.0, deadline - time.time()) * 1000}
        assert self.page.evaluate(SETTLED_JS, arg), f"the page never held still: {self.map_state()}"

    def drag_to(self, lat: float, lon: float) -> None:
        """Drag the map with a real mouse until (lat, lon) is near the middle of the map."""
        for _ in range(6):
            spot = self.page.evaluate(SCREEN_POINT_JS, [lat, lon])
            state = self.map_state()
            assert spot, "no live map"
            assert state, "no live map"
            cx, cy = state["left"] + state["width"] / 2, state["top"] + state["height"] / 2
            dx, dy = cx - spot["x"], cy - spot["y"]
            if abs(dx) < 40 and abs(dy) < 40:
                return
            limit = min(state["width"], state["height"]) / 2 - 40
            dx, dy = max(-limit, min(limit, dx)), max(-limit, min(limit, dy))
            self.page.mouse.move(cx, cy)
            self.page.mouse.down()
            self.page.mouse.move(cx + dx / 2, cy + dy / 2, steps=5)
            self.page.mouse.move(cx + dx, cy + dy, steps=5)
            self.page.mouse.up()
            self.page.mouse.move(1, 1)
            self.settle()  # Leaflet's drag inertia: until the map holds still

    def tooltip(self) -> str | None:
        return self.page.evaluate(TOOLTIP_JS)

    def point_at(self, candidates: list[tuple[float, float]], accept: Callable[[str], bool]) -> tuple[float, float]:
        """Move a real mouse over the first candidate (lat, lon) that is on the visible map, clear of the legend
        and story markers, and whose tooltip `accept`s; returns that screen point."""
        seen = []
        for lat, lon in candidates:
            spot = self.page.evaluate(SCREEN_POINT_JS, [lat, lon])
            if not spot or not spot["usable"]:
                continue
            # From outside the map: a tooltip opens on mouseover, which moving within one shape never repeats
            # (and Leaflet opens none for a mouseover that came during a drag).
            self.page.mouse.move(1, 1)
            self.page.mouse.move(spot["x"], spot["y"], steps=4)
            deadline = time.time() + 2
            text = None
            while time.time() < deadline:
                text = self.tooltip()
                if text and accept(text):
                    return spot["x"], spot["y"]
                self.pause(0.1)
            seen.append(text)
        spots = [self.page.evaluate(SCREEN_POINT_JS, c) for c in candidates[:3]]
        raise AssertionError(
            f"the mouse over the target never showed its tooltip; it showed: {seen} (another shape on top?); "
            f"map: {self.map_state()}; map boxes: {self.page.locator(MAP_BOX).count()}; first points: {spots}"
        )

    def click_map(self, candidates: list[tuple[float, float]], accept: Callable[[str], bool]) -> None:
        x, y = self.point_at(candidates, accept)
        self.page.mouse.click(x, y)

    # --- the app's tables (table_widget) ----------------------------------------------------------------------

    def grid(self, column: str = "Thai district"):
        """The app table that has `column` (the pair details also hold a table)."""
        return self.page.locator("table.bm-table").filter(has=self.page.locator("th", has_text=column)).first

    def grid_rows(self, timeout: float = 10) -> list[str]:
        """The first cell of every body row (a rerun may rebuild the table)."""
        rows: list[str] = []
        deadline = time.time() + timeout
        while not rows and time.time() < deadline:
            rows = [text.strip() for text in self.grid().locator("tbody tr td:first-child").all_inner_texts()]
            if not rows:
                self.pause(0.2)
        return rows

    def select_row(self, index: int) -> None:
        """Click the row, as a viewer would."""
        self.grid().locator("tbody tr").nth(index).click()

    def highlighted_rows(self) -> list[int]:
        """Rows drawn as the chosen pair: the highlight background and bold type, as the viewer sees them."""
        styles = (
            self.grid()
            .locator("tbody tr")
            .evaluate_all(
                "(rows) => rows.map((r) => [getComputedStyle(r).backgroundColor, getComputedStyle(r).fontWeight])"
            )
        )
        marked = f"rgb({', '.join(map(str, HIGHLIGHT_RGB))})"
        return [i for i, (background, weight) in enumerate(styles) if background == marked and int(weight) >= 700]

    # --- screenshots ----------------------------------------------------------------------------------------

    def shot(self, path: Path, full_page: bool = False) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path.with_suffix(".jpg")), full_page=full_page, type="jpeg", quality=85)


# --- geometry of the real build -------------------------------------------------------------------------------


class Geo:
    """The built layers as shapely shapes, to aim the mouse at a district or a province."""

    def __init__(self, built_dir: Path):
        def load(name: str) -> list[dict]:
            return json.loads((built_dir / name).read_text(encoding="utf-8"))["features"]

        self.districts = load("districts.geojson")
        self.links = load("links.geojson")
        self.provinces = load("provinces.geojson")
        self.link_lines = unary_union([shape(f["geometry"]) for f in self.links])
        self.all_districts = unary_union([shape(f["geometry"]) for f in self.districts])

    def pairs_in(self, country: str, province: str) -> int:
        if country == "THA":
            return sum(f["properties"]["thai_province"] == province for f in self.links)
        return sum(
            f["properties"]["nb_country"] == country and f["properties"]["nb_province"] == province for f in self.links
        )

    @staticmethod
    def _one(features: list[dict], field: str, name: str, country: str):
        found = [
            shape(f["geometry"])
            for f in features
            if f["properties"][field] == name and f["properties"]["country"] == country
        ]
        assert len(found) == 1, f"{len(found)} {field}s named {name} in {country}"
        return found[0]

    def district(self, name: str, country: str = "THA"):
        return self._one(self.districts, "district", name, country)

    def district_id(self, name: str, country: str = "THA") -> str:
        ids = [
            f["properties"]["feature_id"]
            for f in self.districts
            if f["properties"]["district"] == name and f["properties"]["country"] == country
        ]
        assert len(ids) == 1, f"{len(ids)} districts named {name} in {country}"
        return ids[0]

    def province(self, name: str, country: str = "THA"):
        return self._one(self.provinces, "province", name, country)

    def district_points(self, name: str, country: str = "THA", count: int = 8) -> list[tuple[float, float]]:
        """Points inside the district, away from its edge and from the link lines drawn on top."""
        free = self.district(name, country).buffer(-0.01).difference(self.link_lines.buffer(0.03))
        return spread_points(free, count)

    def province_points(self, name: str, country: str = "THA", count: int = 8) -> list[tuple[float, float]]:
        """Points inside the province but outside every border district and link line."""
        free = self.province(name, country).buffer(-0.02).difference(self.all_districts.buffer(0.03))
        return spread_points(free.difference(self.link_lines.buffer(0.05)), count)


def spread_points(region, count: int) -> list[tuple[float, float]]:
    """(lat, lon) points in `region`, the deepest inside first: a grid, ranked by distance to the region's edge."""
    assert not region.is_empty, "no free area to aim at"
    west, south, east, north = region.bounds
    step = max(east - west, north - south) / 40
    points = []
    y = south + step / 2
    while y < north:
        x = west + step / 2
        while x < east:
            point = Point(x, y)
            if region.contains(point):
                points.append((region.boundary.distance(point), y, x))
            x += step
        y += step
    points.sort(reverse=True)
    chosen: list[tuple[float, float]] = []
    for _depth, lat, lon in points:  # deepest first, but spread out: skip near-duplicates
        if all(abs(lat - a) + abs(lon - b) > 3 * step for a, b in chosen):
            chosen.append((lat, lon))
        if len(chosen) == count:
            break
    return chosen or [(region.representative_point().y, region.representative_point().x)]


# --- what the app shows, by its own data ----------------------------------------------------------------------

STORY_2 = {"id": "phu-sing-health", "bounds": (13.5, 103.5, 15.5, 105.5)}  # Phu Sing ↔ Anlong Veng


def start_app(built_dir: Path, logs: Path, name: str = "streamlit") -> Server:
    """The app (app.py from the checkout) on a build, as the browser tests run it; its log in `logs`."""
    from tests.support.data import ROOT

    return Server(ROOT, ROOT / "app.py", {"BORDER_MAP_DATA": str(built_dir)}, logs / f"{name}-{time.time_ns()}.log")


def drawn(found: dict) -> int:
    """Paths of a fully drawn base map: provinces, districts and links (story markers are not paths)."""
    return found["provinces"] + found["districts"] + found["links"]


def heading(count: int, name: str) -> str:
    """Explore's heading for a province with `count` pairs."""
    return f"{count} pair{'s' if count != 1 else ''} in {name}"


def stories() -> list[dict]:
    from border_map.model import programme

    return list(programme.stories())


def selection_widths(page: Page) -> list[float]:
    """Stroke widths (>= 4) of the selection outline: marked by weight as well as colour.

    The selection is drawn by non-interactive paths (in whichever pane the app puts them); the base shapes
    are interactive, and one under the mouse may be thickened by its hover style, so those are not counted.
    """
    return [w for w in page.map_eval(script("selection_widths")) if w >= 4]


def wait_for_selection(page: Page, at_least: int = 1, timeout: float = 20) -> list[float]:
    """Until the selection outline has `at_least` thick strokes (0: none is left), as `selection_widths` reads
    them; returns them. The overlay is a file the page fetches after the run that chose the pair, so it may
    land after the page's script has finished; an outline that never comes fails at the timeout."""
    deadline = time.time() + timeout
    while True:
        widths = selection_widths(page)
        if (len(widths) >= at_least if at_least else not widths) or time.time() > deadline:
            return widths
        page.page.wait_for_timeout(50)


def assert_draws_thai(found: dict, where: str) -> None:
    """Sarabun is loaded and draws Thai (THAI_GLYPHS_JS): its Thai differs from both the fallback's and from
    missing-glyph boxes."""
    assert found["loaded"] >= 1, f"{where}: Sarabun not loaded: {found}"
    assert found["served"] != found["controlThai"], f"{where}: Thai drawn by the fallback font: {found}"
    assert found["served"] != found["missing"], f"{where}: Thai drawn as missing-glyph boxes: {found}"
