"""Measurements in Chromium through Playwright: time to ready, click to details, next slide, and a small pool of
browsers at once.

Every load uses a new browser context (cold HTTP cache, new Streamlit session), and every request to another
host fails and is counted: the app must not need any.
"""

from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright
from playwright.sync_api import Browser
from playwright.sync_api import Error as PlaywrightError

from border_map.model import deck
from border_map.model.dataset import load_dataset
from scripts.bench.data import ClickTarget
from scripts.bench.servers import Server, say
from scripts.bench.specs import CLICK, FLOOR, PAGES, Target
from tests.support.browser import CHROMIUM_FULL, LAUNCH_ARGS, MAP_BOX

VIEWPORT = {"width": 1400, "height": 1000}
NAIVE_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'  # st_folium's iframe: the naive page's map only
# Any URL that is not this machine (data:, blob:, about: and file: never reach the network: not counted).
NOT_LOCAL = re.compile(r"^(?!data:|blob:|about:|file:|(https?|wss?)://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(/|$))")
# Other hosts are unreachable at the browser's own network layer: every request goes to a proxy that does not
# exist (the discard port, which nothing serves here), but for this machine's, which bypass it. Nothing is
# intercepted: Playwright's routing (`context.route`) holds every request of the page, the page's own included,
# for a round trip to the driver, a cost no viewer pays that grows with a page's requests. Measured with 10
# alternating loads of each, routed and not: the floor (67 requests) 39 ms slower routed, the overview (90) 76 ms.
# Requests to other hosts are still seen (the page's network events, read as they pass) and counted.
NO_OTHER_HOSTS = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1,localhost,[::1]"}


def launch(playwright):
    """The benchmark's Chromium (sync or async Playwright): Debian's full browser, no route to other hosts."""
    return playwright.chromium.launch(executable_path=CHROMIUM_FULL, args=LAUNCH_ARGS, proxy=NO_OTHER_HOSTS)


def count_other_hosts(context, page, tally: Tally) -> None:
    """Record every request and websocket of `page` to another host (each fails: `NO_OTHER_HOSTS`)."""
    context.on("request", lambda request: NOT_LOCAL.match(request.url) and tally.blocked.append(request.url))
    page.on("websocket", lambda socket: NOT_LOCAL.match(socket.url) and tally.blocked.append(socket.url))


# The live map: the Leaflet map the app's map widget (map_widget.js) names `window.bmMap`, drawn in the page itself,
# while its container is still in the page (a new view replaces it). A JavaScript expression, null when absent.
LIVE_MAP = "(window.bmMap && window.bmMap._loaded && window.bmMap.getContainer().isConnected ? window.bmMap : null)"
MAP_WAIT_MS = 45_000
CLICK_WAIT_MS = 10_000
POOL_SIZE = 5  # browsers opening a page at once

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


@dataclass
class Tally:
    """Sanity counts over every browser load of the run: all must stay at zero for the numbers to mean much."""

    blocked: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Visit:
    """One page load in a fresh browser context (cold HTTP cache, new Streamlit session).

    Every request to another host fails and is recorded; the app must not need any.
    """

    def __init__(self, browser: Browser, tally: Tally, init_script: str | None = None):
        self.tally = tally
        self.context = browser.new_context(viewport=VIEWPORT)
        if init_script:
            self.context.add_init_script(init_script)
        self.page = self.context.new_page()
        count_other_hosts(self.context, self.page, tally)
        self.page.on("pageerror", lambda error: tally.page_errors.append(str(error)[:200]))

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
    """Wait for Leaflet's fit-bounds animation to end, so the point computed for the click stays put: the map's
    centre and zoom read twice in a row, 150 ms apart (Playwright's own wait, so its event loop keeps running)."""
    script = f"() => {{ const m = {LIVE_MAP}; if (!m) return null; const c = m.getCenter();"
    script += " return [c.lat, c.lng, m.getZoom(), !!m._animatingZoom]; }"
    last, deadline = None, time.time() + seconds
    while time.time() < deadline:
        state = page.evaluate(script)
        if state and state == last and not state[3]:
            return
        last = state
        page.wait_for_timeout(150)


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
    data = load_dataset(build)  # the deck the server shows, from the same build
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


# ---------------------------------------------------------------- a small pool of real browsers


async def pool_round(browser, tally: Tally, target: Target, size: int) -> list[float | None]:
    """`size` new contexts opening the page at once: contexts and pages are made first, then every
    navigation starts together; each is timed from its own goto to its ready check."""
    script, arg = ready_check(target)
    contexts, pages = [], []
    for _ in range(size):
        context = await browser.new_context(viewport=VIEWPORT)
        page = await context.new_page()
        count_other_hosts(context, page, tally)
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
        browser = await launch(p)
        for round_no in range(rounds):
            for target in (floor, page) if round_no % 2 else (page, floor):
                results[target.spec.name] += await pool_round(browser, tally, target, POOL_SIZE)
        await browser.close()
    return results
