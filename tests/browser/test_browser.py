"""Real browser tests: headless Debian Chromium drives the running app; nothing may leave localhost.

Run by scripts/test.sh, which installs chromium. Every page is opened in a fresh browser context whose
requests to any other host are refused and fail the test (browser_support.Page), as do console errors.
The map checks matter: a JavaScript error inside the st_folium component stops it before it sizes its
iframe, leaving a drawn map at height 0, so "visible" means a sized iframe on screen with every shape drawn.
Speed is measured by scripts/bench.sh, not here.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import shutil
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, urlparse

import pytest

from border_map.model.dataset import OUTPUT_FILES
from tests.support.browser import (
    MAP_BOX,
    NAV_LABELS,
    NAV_LABELS_TH,
    THAI_GLYPHS_JS,
    Geo,
    Page,
    Server,
    query,
)
from tests.support.data import ARTIFACTS, ROOT

pytestmark = [pytest.mark.browser, pytest.mark.real]

STORY_2 = {"id": "phu-sing-health", "bounds": (13.5, 103.5, 15.5, 105.5)}  # Phu Sing ↔ Anlong Veng
TITLES = {
    "/": "People-to-People parallel areas",
    "/explore": "Explore by province",
    "/stories": "Model-area stories",
    "/data": "Data & sources",
}


# --- fixtures ---------------------------------------------------------------------------------------------


def start_server(built_dir: Path, logs: Path) -> Server:
    return Server(ROOT, ROOT / "app.py", {"BORDER_MAP_DATA": str(built_dir)}, logs / f"streamlit-{time.time_ns()}.log")


@pytest.fixture(scope="module")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("streamlit-logs")


@pytest.fixture(scope="module")
def app(built_dir, logs):
    server = start_server(built_dir, logs)
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    opened = Page(browser)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def geo(built_dir) -> Geo:
    return Geo(built_dir)


@pytest.fixture(scope="module")
def counts(built_dir):
    """(border, stories) -> how many shapes that base map draws, by the app's own count (maps.feature_counts)."""
    from border_map.model.dataset import load_dataset
    from border_map.render import maps

    data = load_dataset(built_dir)
    return lambda border="both", stories=False: maps.feature_counts(
        data, maps.MapView(border=border, story_markers=stories)
    )


def drawn(found: dict) -> int:
    """Paths of a fully drawn base map: provinces, districts and links (story markers are not paths)."""
    return found["provinces"] + found["districts"] + found["links"]


def stories() -> list[dict]:
    from border_map.model import programme

    return list(programme.stories())


def selection_widths(page: Page) -> list[float]:
    """Stroke widths (>= 4) of the selection outline: marked by weight as well as colour.

    The selection is drawn by non-interactive paths (in whichever pane the app puts them); the base shapes
    are interactive, and one under the mouse may be thickened by its hover style, so those are not counted.
    """
    widths = page.map_eval(
        "Array.from(document.querySelectorAll('.leaflet-map-pane path:not(.leaflet-interactive)'))"
        ".map((p) => parseFloat(p.getAttribute('stroke-width') || '0'))"
    )
    return [w for w in widths if w >= 4]


# --- 1. the overview map is visible and complete --------------------------------------------------------------


def test_overview_map_is_visible_and_complete(page, app, counts):
    expected = counts("both", stories=True)
    page.goto(app.url)
    state = page.wait_for_map(drawn(expected))
    assert state["height"] > 300, state
    assert state["width"] > 500, state
    # On screen, not merely present: most of the map lies inside the 1400×900 window without scrolling.
    box = page.page.locator(MAP_BOX).last.bounding_box()
    on_screen_height = min(box["y"] + box["height"], 900) - max(box["y"], 0)
    on_screen_width = min(box["x"] + box["width"], 1400) - max(box["x"], 0)
    assert on_screen_height > 300, box
    assert on_screen_width > 500, box
    assert page.page.locator(MAP_BOX).last.is_visible()
    assert state["paths"] >= drawn(expected)
    # The base only (nothing selected): exactly the dashed links the overview should have.
    dashed = page.map_eval("document.querySelectorAll('.leaflet-map-pane path[stroke-dasharray=\"6 4\"]').length")
    assert dashed == expected["links"]
    assert state["stories"] == expected["stories"] == 5
    legend = page.page.locator(MAP_BOX).last.locator("details.bm-legend")
    assert legend.is_visible()
    assert "Legend" in legend.inner_text()
    legend_box = legend.bounding_box()
    assert legend_box["y"] + legend_box["height"] <= 900, f"the legend is below the fold: {legend_box}"
    # The layers are asked for once each, whether the page's head announced them (a viewer after the first)
    # or the map did: a preload that the map's own fetch could not use would show as a second request.
    layers = [urlparse(u).path for u in page.requests if urlparse(u).path.startswith("/layers/")]
    assert layers
    assert len(layers) == len(set(layers)), layers


def test_headline_figures_explain_themselves_on_hover_focus_and_tap(page, app):
    page.goto(app.url)
    period = page.page.locator(".bm-figure").filter(has_text="Period")
    period.locator(".bm-figure-value").get_by_text("Jun–Sep 2024", exact=True).wait_for()
    help_text = period.locator(".bm-figure-help")
    assert not help_text.is_visible()
    period.focus()  # the keyboard's way, and a tap's: a tap focuses the figure
    help_text.get_by_text("15 June 2024 to 15 September 2024", exact=True).wait_for()
    assert period.get_attribute("aria-describedby") == help_text.get_attribute("id")
    page.page.locator("h1").first.click()
    page.page.mouse.move(0, 0)
    help_text.wait_for(state="hidden")
    period.hover()
    help_text.wait_for(state="visible")


def test_briefing_links_download_files_made_by_this_server(page, app):
    """The map pages link their briefings (downloads.offer_briefings); this server makes each file when it is
    asked for and sends it as a download. A name it never offered gets a plain 404, never the app's page."""
    page.goto(app.url + "/explore?province=Loei")
    link = page.page.get_by_role("link", name="PDF", exact=True)
    link.wait_for()
    href = link.get_attribute("href")
    assert href == "download/border_map-province-tha-loei-en.pdf"
    with page.page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "border_map-province-tha-loei-en.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF-")
    answer = page.page.request.get(app.url + "/download/border_map-province-tha-loei-en.html")
    assert answer.status == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="border_map-province-tha-loei-en.html"'
    assert answer.headers["content-type"].startswith("text/html")
    assert b"leaflet" in answer.body().lower()
    assert b"stMainBlockContainer" not in answer.body()  # as made: none of the app page's head hints in it
    for name in ("border_map-never-offered-en.pdf", "border_map-province-tha-loei-en.exe", "x.html"):
        missing = page.page.request.get(app.url + "/download/" + name)
        assert missing.status == 404
        assert "reload the page" in missing.text()


def test_a_second_viewer_gets_the_layers_announced_in_the_page(page, app, counts):
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    head = page.page.evaluate("document.head.innerHTML")
    assert "addEventListener('load'" in head
    assert "/layers/" in head


# --- 2. every deep-link form works as a fresh server's first request --------------------------------------------

PROVINCE_LINKS = [
    ("Loei", "THA", "Loei"),
    ("loei", "THA", "Loei"),
    ("เลย", "THA", "Loei"),
    ("Sisaket", "THA", "Sisaket"),
    ("Si Sa Ket", "THA", "Sisaket"),
    ("Champasak", "LAO", "Champasak"),
    ("Xayaburi", "LAO", "Xayaburi"),
    ("Xaignabouli", "LAO", "Xayaburi"),
]


def heading(count: int, name: str) -> str:
    return f"{count} pair{'s' if count != 1 else ''} in {name}"


def type_province(page: Page, typed: str) -> None:
    box = page.page.locator('[data-testid="stSelectbox"] input[role="combobox"]')
    box.click()
    box.fill(typed)
    page.page.keyboard.press("Enter")


def test_a_province_typed_in_any_spelling_opens_it_and_an_unknown_one_says_so(page, app, geo):
    """The box takes what its options do not show (Enter): the boundary source's spelling, the seed's, Thai
    script, read by the same resolver as a link; a name that is no province is named back, with the closest."""
    page.goto(app.url + "/explore?province=Loei")
    page.page.get_by_role("heading", name=heading(geo.pairs_in("THA", "Loei"), "Loei"), exact=True).wait_for()
    page.wait_idle()
    for typed, country, canonical in [("Si Sa Ket", "THA", "Sisaket"), ("Xaignabouli", "LAO", "Xayaburi")]:
        type_province(page, typed)
        expected = heading(geo.pairs_in(country, canonical), canonical)
        page.page.get_by_role("heading", name=expected, exact=True).wait_for()
        page.wait_for_param("province", canonical)
        page.wait_idle()
        assert canonical in page.selectbox_value()

    type_province(page, "Atlantis")
    page.page.get_by_text("No province in the table goes by that name.").wait_for()
    page.page.get_by_text("Asked for: Atlantis", exact=True).wait_for()
    assert page.params()["province"] == "Atlantis"  # the URL says what was asked; the page says it is unknown
    assert page.page.locator(".bm-side-heading").count() == 0  # and shows no other province as if asked


@contextmanager
def first_request(browser, built_dir: Path, logs: Path, path: str):
    """A page whose URL is a fresh server's very first request (Streamlit's legacy pages mode used to answer it)."""
    server = start_server(built_dir, logs)
    page = Page(browser)
    try:
        page.goto(server.url + path, idle=False)
        yield page
        page.close()
    finally:
        page.discard()
        server.stop()


def assert_own_navigation(page: Page) -> None:
    page.page.get_by_role("heading", level=1).first.wait_for()
    page.wait_idle()
    assert page.nav_labels() == NAV_LABELS  # not the legacy file names (app, data sources, explore, ...)
    assert page.page.locator('[data-testid="stSidebarNav"]').count() == 0  # nor Streamlit's legacy menu
    width = page.page.locator('[data-testid="stMainBlockContainer"]').bounding_box()["width"]
    assert width > 900, f"narrow (legacy) layout: main block {width} px wide at 1400 px"


@pytest.mark.parametrize(("typed", "country", "canonical"), PROVINCE_LINKS, ids=[t[0] for t in PROVINCE_LINKS])
def test_province_deep_link_as_first_request(browser, built_dir, logs, geo, typed, country, canonical):
    with first_request(browser, built_dir, logs, "/explore" + query(province=typed)) as page:
        expected = heading(geo.pairs_in(country, canonical), canonical)
        page.page.get_by_role("heading", name=expected, exact=True).wait_for()
        assert_own_navigation(page)
        assert page.wait_for_param("province", canonical) == {"province": canonical, "lang": "en"}
        assert urlparse(page.url).path == "/explore"
        assert page.selectbox_value().startswith(f"{canonical} ")
        assert "The link asks for" not in page.main_text()


def test_unknown_province_deep_link_as_first_request(browser, built_dir, logs):
    with first_request(browser, built_dir, logs, "/explore?province=Atlantis") as page:
        page.page.get_by_text("The link asks for a province that is not in the table.").wait_for()
        assert_own_navigation(page)
        box = (
            page.page.locator('[data-testid="stVerticalBlock"]')
            .filter(has_text="The link asks for a province that is not in the table.")
            .filter(has_text="Asked for: Atlantis")
            .last  # the innermost block holding both: the message box
        )
        assert box.evaluate("(e) => getComputedStyle(e).borderTopStyle") == "solid", "the message is not boxed"
        box.locator('[data-testid="stText"]').get_by_text("Asked for: Atlantis", exact=True).wait_for()  # plain text
        assert "Closest:" in box.inner_text()
        text = page.main_text()
        assert not re.search(r"\bpairs? in\b", text), "another province shown as if asked"
        assert page.selectbox_value() == ""
        assert page.params().get("province") == "Atlantis"
        assert page.page.locator(MAP_BOX).count() == 0


def test_story_deep_link_as_first_request(browser, built_dir, logs):
    with first_request(browser, built_dir, logs, "/stories?story=2") as page:
        page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
        assert_own_navigation(page)
        # The page named its server's base: Streamlit did not first look for one under /stories (100 ms lost).
        paths = [urlparse(u).path for u in page.requests]
        assert "/_stcore/health" in paths
        assert not [p for p in paths if p.startswith("/stories/")], paths
        assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}
        page.page.get_by_role("heading", name=stories()[1]["title"]).wait_for()


def test_pair_deep_link_as_first_request(browser, built_dir, logs):
    with first_request(browser, built_dir, logs, "/?pair=8-1") as page:
        page.page.get_by_text("Selected: pair 08-1", exact=False).wait_for()
        assert_own_navigation(page)
        assert page.wait_for_param("pair", "08-1") == {"pair": "08-1", "lang": "en"}
        expander = page.page.locator('[data-testid="stExpander"]').filter(has_text="Pair details · 08-1")
        expander.get_by_text("Chiang Khan (Loei, Thailand)", exact=False).wait_for()


# --- 3. the URL follows every kind of interaction ---------------------------------------------------------------


def test_url_follows_every_interaction(page, app, counts, geo):
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))

    # Border radio: written into the URL at once, and the map redraws with the Cambodian border only.
    page.sidebar().get_by_text("Cambodia", exact=True).click()
    page.wait_for_param("border", "cambodia", timeout=10)  # on the radio's own rerun, not a later one
    khm = drawn(counts("KHM", stories=True))
    page.wait_for_map(khm, exact=True)

    # Page switch through the sidebar navigation: the border stays chosen and in the URL.
    def to_explore() -> None:
        page.sidebar().get_by_role("link", name="Explore by province").click()
        page.page.get_by_role("heading", name="Explore by province", level=1).wait_for()

    page.provinces_first(to_explore, counts("KHM")["provinces"], drawn(counts("KHM")))
    page.wait_for_param("border", "cambodia")
    page.wait_idle()
    assert urlparse(page.url).path == "/explore"
    assert page.sidebar().get_by_role("radio", name="Cambodia", exact=True).is_checked()

    # Province select box.
    page.page.locator('[data-testid="stSelectbox"]').click()
    page.page.get_by_role("option", name="Sa Kaeo · สระแก้ว (Thailand)").click()
    params = page.wait_for_param("province", "Sa Kaeo")
    assert params["border"] == "cambodia"
    page.page.get_by_role("heading", name=heading(geo.pairs_in("THA", "Sa Kaeo"), "Sa Kaeo"), exact=True).wait_for()
    page.wait_idle()

    # Map click on a district: its pair goes into the URL and its details open.
    page.wait_for_map(drawn(counts("KHM")))
    page.click_map(geo.district_points("Ta Phraya"), lambda tip: "Ta Phraya" in tip and "41-1" in tip)
    params = page.wait_for_param("pair", "41-1")
    assert params == {"border": "cambodia", "province": "Sa Kaeo", "pair": "41-1", "lang": "en"}
    page.dialog().get_by_text("Pair 41-1", exact=True).wait_for()
    page.page.keyboard.press("Escape")
    page.dialog().wait_for(state="detached")

    # Story tour: Next writes the story into the URL; the border still rides along.
    page.sidebar().get_by_role("link", name="Model-area stories").click()
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
    page.wait_idle()
    page.page.get_by_role("button", name="Next ▶").click()
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    params = page.wait_for_param("story", STORY_2["id"])
    assert params["border"] == "cambodia"
    assert page.sidebar().get_by_role("radio", name="Cambodia", exact=True).is_checked()


def test_sidebar_controls_answer_the_keyboard_and_keep_its_focus(page, app, counts):
    """The sidebar's choices are native radio buttons and a switch (controls): arrow keys move the choice,
    each step is answered by the server (URL and map), and the focus stays where the viewer is, across the
    reruns and across the language switch that redraws every label."""
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    sidebar = page.sidebar()
    sidebar.get_by_role("radio", name="Laos and Cambodia", exact=True).focus()
    page.page.keyboard.press("ArrowDown")
    page.wait_for_param("border", "laos")
    page.wait_for_map(drawn(counts("LAO", stories=True)), exact=True)
    page.wait_idle()
    focused = "document.activeElement && document.activeElement.closest('.bm-controls') && document.activeElement.value"
    assert page.page.evaluate(focused) == "LAO"
    page.page.keyboard.press("ArrowDown")
    page.wait_for_param("border", "cambodia")
    page.wait_idle()
    assert page.page.evaluate(focused) == "KHM"
    assert sidebar.get_by_role("radio", name="Cambodia", exact=True).is_checked()

    sidebar.get_by_role("radio", name="English", exact=True).focus()
    page.page.keyboard.press("ArrowRight")  # to ไทย: every label is redrawn in Thai
    page.wait_for_param("lang", "th")
    page.wait_idle()
    assert page.nav_labels() == NAV_LABELS_TH
    assert sidebar.get_by_role("radio", name="กัมพูชา", exact=True).is_checked()
    assert page.page.evaluate(focused) == "th"

    switch = sidebar.get_by_role("switch")
    switch.focus()
    page.allow_external = True  # its tiles are asked for and refused (test_basemap_fetches_only_osm_tiles)
    page.page.keyboard.press("Space")
    page.wait_for_param("basemap", "1")
    page.wait_idle()
    assert switch.is_checked()
    assert page.page.evaluate("document.activeElement.getAttribute('role')") == "switch"


def test_sidebar_help_opens_in_place(page, app):
    """Each control's explanation is a disclosure: a click, a tap or Enter shows it under the label, and a
    screen reader hears it as the control's description."""
    page.goto(app.url)
    sidebar = page.sidebar()
    help_button = sidebar.get_by_role("button", name="Help: Online basemap (OpenStreetMap)")
    note = sidebar.get_by_text("Off by default: the app sends no request beyond this server.", exact=False)
    assert help_button.get_attribute("aria-expanded") == "false"
    assert not note.is_visible()
    help_button.click()
    note.wait_for()
    assert help_button.get_attribute("aria-expanded") == "true"
    described = sidebar.get_by_role("switch").get_attribute("aria-describedby")
    assert described
    assert note.get_attribute("id") == described
    help_button.press("Enter")
    note.wait_for(state="hidden")


def test_page_links_carry_the_filters_and_switch_in_place(page, app, browser):
    """The sidebar's page links are the app's own (controls): each link's address carries the language and
    filters, so a page opened in a new tab keeps them; a plain click switches the open page, no reload."""
    page.goto(app.url + "/?lang=th&border=laos")
    page.page.get_by_role("heading", level=1).first.wait_for()
    page.wait_idle()
    assert page.nav_labels() == NAV_LABELS_TH
    links = page.nav().locator("a")
    assert links.first.get_attribute("aria-current") == "page"
    hrefs = [links.nth(i).evaluate("(a) => a.href") for i in range(links.count())]
    for href in hrefs:
        assert dict(parse_qsl(urlparse(href).query)) == {"lang": "th", "border": "laos"}, href
    assert [urlparse(h).path for h in hrefs] == ["/", "/explore", "/stories", "/data", "/present"]

    page.page.evaluate("window.bmKept = true")
    links.nth(1).click()
    page.page.get_by_role("heading", name="สำรวจรายจังหวัด").first.wait_for()
    page.wait_idle()
    assert urlparse(page.url).path == "/explore"
    params = page.params()
    assert (params["lang"], params["border"]) == ("th", "laos")  # and the province Explore opens on
    assert page.page.evaluate("window.bmKept === true"), "the click reloaded the page"
    assert links.nth(1).get_attribute("aria-current") == "page"

    tab = Page(browser)  # a new tab, opened on the Stories link's address
    try:
        tab.goto(hrefs[2])
        tab.page.get_by_text("เรื่องที่ 1 จาก 5", exact=True).wait_for()
        assert tab.sidebar().get_by_role("radio", name="สปป.ลาว", exact=True).is_checked()
        assert tab.nav_labels() == NAV_LABELS_TH
        tab.close()
    finally:
        tab.discard()


# --- 4. table and map selections agree on /explore -----------------------------------------------------------


def assert_selection_agrees(page: Page, pair: str) -> None:
    """URL, detail panel and the table's highlighted row all name the same pair."""
    params = page.wait_for_param("pair", pair)
    assert params["province"] == "Loei"
    page.wait_idle()
    side = page.page.locator(".bm-side")  # the panel the map widget draws beside the map
    side.get_by_role("heading", name=f"Pair {pair}", exact=True).wait_for()
    assert side.get_by_role("heading", name=re.compile(r"^Pair \d\d-\d$")).count() == 1
    rows = page.grid_rows()
    deadline = time.time() + 10
    highlighted = page.highlighted_rows()
    while highlighted != [rows.index(pair)] and time.time() < deadline:
        page.pause(0.3)
        highlighted = page.highlighted_rows()
    assert [rows[i] for i in highlighted] == [pair], f"table highlights {[rows[i] for i in highlighted]}, URL {pair}"


def test_table_and_map_selection_agree(page, app, counts, geo):
    expected = counts()
    page.provinces_first(lambda: page.goto(app.url + "/explore?province=Loei"), expected["provinces"], drawn(expected))
    assert page.grid_rows() == ["07-1", "08-1", "09-1", "10-1", "11-1"]
    assert page.highlighted_rows() == []

    page.select_row(page.grid_rows().index("08-1"))
    assert_selection_agrees(page, "08-1")
    assert page.dialog().count() == 0  # a table choice shows its details beside the table

    page.click_map(geo.district_points("Pak Chom"), lambda tip: "Pak Chom" in tip and "09-1" in tip)
    page.dialog().get_by_text("Pair 09-1", exact=True).wait_for()
    page.page.keyboard.press("Escape")
    page.dialog().wait_for(state="detached")
    assert_selection_agrees(page, "09-1")

    page.select_row(page.grid_rows().index("11-1"))
    assert_selection_agrees(page, "11-1")
    page.select_row(page.grid_rows().index("08-1"))
    assert_selection_agrees(page, "08-1")


def test_explore_panel_story_link_opens_the_story_with_the_filters(page, app):
    """The chosen pair's story link, in the panel beside the map, opens the story page (filters kept)."""
    page.goto(app.url + "/explore?province=Loei&pair=08-1&border=laos")
    link = page.page.locator(".bm-side").get_by_role("button", name=re.compile(r"^Story: Leading the Way"))
    link.click()
    # The page switch writes the new query and then the new path: wait for the path, then read the query.
    page.page.wait_for_url(re.compile(r"/stories\?"), timeout=30_000)
    params = page.wait_for_param("story", "chiang-khan-security")
    assert params["border"] == "laos"
    page.page.get_by_role("heading", name=re.compile(r"^Leading the Way")).first.wait_for()


# --- 5. hostile values in every URL parameter on every page -----------------------------------------------------

HOSTILE = {
    "md-image": "![x](https://example.org/p.png)",
    "html-img": '<img src=x onerror="window.__pwned=1">',
    "md-link": "[click](https://example.org)",
    "long": "A" * 5000,
    "control": "\x00\x1b\n\r",
}
PARAMS = ("province", "pair", "story", "border", "basemap")
# Every parameter carries the hostile value at once; on /explore a second load gives a valid province,
# because the page reads `pair` only inside a province.
PAGE_LOADS = [("/", {}), ("/explore", {}), ("/explore", {"province": "Loei"}), ("/stories", {}), ("/data", {})]
HOSTILE_LOADS = [(path, name, valid) for name in HOSTILE for path, valid in PAGE_LOADS]


def hostile_id(load) -> str:
    path, name, valid = load
    return f"{path.strip('/') or 'overview'}{'+province' if valid else ''}-{name}"


@pytest.mark.parametrize("load", HOSTILE_LOADS, ids=[hostile_id(load) for load in HOSTILE_LOADS])
def test_hostile_url_values(page, app, load):
    path, name, valid = load
    value = HOSTILE[name]
    page.goto(app.url + path + query(**{**dict.fromkeys(PARAMS, value), **valid}))
    page.page.get_by_role("heading", name=TITLES[path], level=1).wait_for()
    page.wait_idle()
    assert page.page.locator('[data-testid="stException"]').count() == 0
    images = page.page.evaluate("() => Array.from(document.images).map((i) => i.src)")
    assert all(urlparse(src).hostname in {"127.0.0.1", None} or src.startswith("data:") for src in images), images
    assert page.page.locator('a[href*="example.org"]').count() == 0
    assert page.page.evaluate("() => window.__pwned") is None
    if page.page.locator(MAP_BOX).count():
        assert page.map_eval("window.__pwned") is None
        assert page.map_eval('document.querySelectorAll(\'a[href*="example.org"], img[src*="example"]\').length') == 0
    problems = page.page.locator('[data-testid="stText"]').filter(has_text="Asked for:")
    for shown in problems.all_inner_texts():
        assert len(shown) < 200, "a long value is cut in the message"
    # Every problem box repeats the value only in plain text elements: no markup rendered from it.
    assert page.page.locator('[data-testid="stMarkdown"] img, [data-testid="stMarkdown"] a[href^="http"]').count() == 0


# --- 6. story markers ---------------------------------------------------------------------------------------

STORY_MARKERS_JS = """() => {
  const frames = document.querySelectorAll('.bm-map-box');
  const frame = frames[frames.length - 1];
  return Array.from(frame.querySelectorAll('.leaflet-marker-pane .bm-story')).map((m) => {
    const r = m.getBoundingClientRect();
    return {text: m.textContent.trim(), x: r.left + r.width / 2, y: r.top + r.height / 2};
  });
}"""


def test_story_markers(page, app, counts):
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    markers = page.page.evaluate(STORY_MARKERS_JS)
    assert sorted(m["text"] for m in markers) == ["1", "2", "3", "4", "5"]
    for a, b in itertools.combinations(markers, 2):  # 24 px markers: none hides another's number or click
        assert math.dist((a["x"], a["y"]), (b["x"], b["y"])) >= 24, (a, b)
    for m in markers:
        topmost = page.page.evaluate("([x, y]) => document.elementFromPoint(x, y).textContent", [m["x"], m["y"]])
        assert topmost.strip() == m["text"], (m, topmost)
    tip = ""
    for _ in range(3):  # hover marker 2 where it is drawn now
        second = next(m for m in page.page.evaluate(STORY_MARKERS_JS) if m["text"] == "2")
        page.page.mouse.move(1, 1)
        page.page.mouse.move(second["x"], second["y"], steps=4)
        deadline = time.time() + 3
        while time.time() < deadline and not tip:
            tip = page.tooltip() or ""
            page.pause(0.1)
        if tip:
            break
    assert stories()[1]["title"] in tip, tip
    assert "Phu Sing" in tip
    page.page.mouse.click(second["x"], second["y"])
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}
    assert urlparse(page.url).path == "/stories"


def test_story_markers_open_from_the_keyboard(page, app, counts):
    """The markers are focusable buttons (Tab reaches them); Enter opens the story as a click does."""
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    marker = page.page.locator(".bm-map-box .leaflet-marker-icon", has_text="2")
    assert marker.get_attribute("role") == "button"
    marker.focus()
    page.page.keyboard.press("Enter")
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}


# --- 7. clicks on the map: a pair on the overview, a province on /explore; the selection outline ----------------


def test_overview_click_opens_the_pair(page, app, counts, geo):
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    assert selection_widths(page) == []
    points = geo.district_points("Chiang Khan")
    page.set_view(*points[0], zoom=10)  # as a user zooming in: the district is a few pixels wide at the start
    page.click_map(points, lambda tip: "Chiang Khan" in tip and "08-1" in tip and "Model-area" not in tip)
    assert page.wait_for_param("pair", "08-1") == {"pair": "08-1", "lang": "en"}
    dialog = page.dialog()
    dialog.get_by_text("Pair 08-1", exact=True).wait_for()
    dialog.get_by_text("Chiang Khan (Loei, Thailand)", exact=False).wait_for()
    assert "Pair details" in dialog.inner_text()
    page.page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    expander = page.page.locator('[data-testid="stExpander"]').filter(has_text="Pair details · 08-1")
    expander.get_by_text("Chiang Khan (Loei, Thailand)", exact=False).wait_for()
    widths = selection_widths(page)
    assert widths, "the selected pair has no thick outline"


def test_province_click_and_selection_outline(page, app, counts, geo):
    page.goto(app.url + "/explore?province=Loei&pair=08-1")
    page.wait_for_map(drawn(counts()))
    page.page.get_by_role("heading", name="Pair 08-1", exact=True).wait_for()
    facts = page.page.get_by_role("table", name="Pair details")
    assert facts.locator("thead").count() == 0  # named values: no header row, each row named by its first cell
    assert facts.get_by_role("rowheader").all_inner_texts()[0] == "Table number"
    # Marked by outline weight as well as colour: the district outline (4.5) and the link (5).
    assert len(selection_widths(page)) >= 2, selection_widths(page)

    points = geo.province_points("Nong Khai")
    page.drag_to(*points[0])  # a real drag: Nong Khai lies east of the fitted Loei view
    page.click_map(points, lambda tip: "Nong Khai" in tip and "District" not in tip)
    assert page.wait_for_param("province", "Nong Khai") == {"province": "Nong Khai", "lang": "en"}
    assert "province=Nong+Khai" in page.url or "province=Nong%20Khai" in page.url
    expected = heading(geo.pairs_in("THA", "Nong Khai"), "Nong Khai")
    page.page.get_by_role("heading", name=expected, exact=True).wait_for()
    assert page.selectbox_value() == "Nong Khai · หนองคาย (Thailand)"
    page.wait_idle()
    assert selection_widths(page) == [], "the old pair is still outlined"
    # The clicked shape keeps the focus: no focus ring around its bounding box, two long lines across the map.
    ring = page.map_eval(
        "(() => { const a = document.activeElement; return a && a.closest && a.closest('.bm-map-box') ? "
        "getComputedStyle(a).outlineStyle : 'none'; })()"
    )
    assert ring == "none", ring


def assert_stacked(page: Page, kinds: tuple[str, ...]) -> None:
    """Clickable provinces at the bottom, then districts, then links: whatever order their files arrived in."""
    found = [kind for kind, _count in page.layer_order()]
    assert found == list(kinds), f"clickable shapes stacked in this order (bottom first): {found}"


LATE_LAYERS = [
    # (page, layer file that arrives last, clickable kinds bottom first, a district to click and its pair)
    ("/explore?province=Loei", "provinces", ("province", "district", "link"), ("Pak Chom", "09-1")),
    ("/", "districts", ("district", "link"), None),
]
LATE_IDS = ["explore-provinces-last", "overview-districts-last"]


@pytest.mark.parametrize(("path", "late", "kinds", "target"), LATE_LAYERS, ids=LATE_IDS)
def test_layer_order_does_not_depend_on_arrival(page, app, counts, geo, path, late, kinds, target):
    """The base layers are files the map fetches. One that arrives last must still be drawn at its own level:
    provinces under districts (on /explore they are clickable and would swallow every click meant for a
    district), links over districts (under them, a link's dashes fade and it cannot be hovered)."""
    expected = counts("both", stories=path == "/")
    held = page.hold(f"**/layers/{late}-*")
    page.goto(app.url + path)
    page.wait_for_map(drawn(expected) - expected[late])
    assert held, f"the {late} layer was not fetched as a file (the test's premise changed)"
    page.release(held)
    page.wait_for_map(drawn(expected))
    assert_stacked(page, kinds)
    if target:
        district, pair = target
        page.click_map(geo.district_points(district), lambda tip: district in tip and pair in tip)
        assert page.wait_for_param("pair", pair)["province"] == "Loei"


# --- 8. the story tour moves the map ------------------------------------------------------------------------


def test_story_tour_moves_the_map(page, app, counts):
    page.goto(app.url + "/stories")
    page.wait_for_map(drawn(counts("both", stories=True)))
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
    first = page.map_state()["center"]
    page.page.get_by_role("button", name="Next ▶").click()
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}
    south, west, north, east = STORY_2["bounds"]
    state = page.wait_for_center(south, west, north, east)
    assert state["center"] != first
    page.page.get_by_role("heading", name=stories()[1]["title"]).wait_for()
    page.page.get_by_role("button", name="◀ Previous").click()
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()
    page.wait_for_center(first[0] - 0.5, first[1] - 0.5, first[0] + 0.5, first[1] + 0.5)
    page.page.keyboard.press("ArrowRight")  # the keys step through the tour too, as in Present
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    page.wait_for_param("story", STORY_2["id"])
    page.page.keyboard.press("ArrowLeft")
    page.page.get_by_text("Story 1 of 5", exact=True).wait_for()


# --- 9. the online basemap fetches OpenStreetMap tiles and nothing else --------------------------------------


def test_basemap_fetches_only_osm_tiles(browser, app, counts):
    page = Page(browser, allow_external=True)
    try:
        page.goto(app.url)
        expected = drawn(counts("both", stories=True))
        page.wait_for_map(expected)
        assert page.external == [], "requests left the machine with the basemap off"
        page.sidebar().get_by_text("Online basemap (OpenStreetMap)").click()
        page.wait_for_param("basemap", "1")
        deadline = time.time() + 30
        while time.time() < deadline and not page.external:
            page.pause(0.2)
        page.wait_for_map(expected)  # tiles refused, every shape drawn all the same
        page.pause(1)
        hosts = {urlparse(url).hostname for url in page.external}
        assert hosts == {"tile.openstreetmap.org"}, sorted(page.external)[:10]
        assert all(re.search(r"/\d+/\d+/\d+\.png$", url) for url in page.external)
        scripts = page.map_eval(
            "Array.from(document.querySelectorAll('script[src], link[href]')).map((e) => e.src || e.href)"
        )
        assert any(s.endswith("/vendor/leaflet/leaflet.js") for s in scripts), scripts
        assert all(urlparse(s).hostname in {"127.0.0.1", None} for s in scripts), scripts
        assert any(r.endswith("/vendor/leaflet/leaflet.js") for r in page.requests)
        page.page.reload(wait_until="domcontentloaded")  # the link keeps the basemap on
        page.wait_idle()
        page.wait_for_map(expected)
        assert page.sidebar().get_by_role("switch", name="Online basemap (OpenStreetMap)").is_checked()
    finally:
        page.close()


# --- 10. markup in data names is shown as text ---------------------------------------------------------------


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_app_writes_nothing_at_run_time(browser, built_dir, logs, tmp_path, counts):
    """The app runs from a read-only install: Leaflet, the font and the layers are served from the wheels and
    from memory. (As root a read-only mode bit would not stop a write, so the proof is that nothing changed.)"""
    folder = tmp_path / "app"
    folder.mkdir()
    app_files = sorted(p.name for p in ROOT.glob("ui_*") if p.suffix in {".py", ".js", ".css"})
    for name in ("app.py", *app_files, "pages", ".streamlit"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    before = tree(folder)
    env = {"BORDER_MAP_DATA": str(built_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    server = Server(folder, folder / "app.py", env, logs / "read-only.log")
    page = Page(browser)
    try:
        for path, border in (("/?lang=th", "both"), ("/explore?province=Loei&border=laos", "LAO")):
            page.goto(server.url + path)
            page.wait_for_map(drawn(counts(border, stories=path.startswith("/?"))))
        assert_draws_thai(page.page.evaluate(THAI_GLYPHS_JS, "Sarabun"), "read-only app")
        page.close()
    finally:
        page.discard()
        server.stop()
    assert tree(folder) == before


def test_a_server_restart_reconnects_the_open_page(browser, built_dir, logs, counts):
    """A replica restarted (a deploy, a crash) with a viewer on it: the open page reconnects to the new process
    by itself, the viewer's next choice is answered, and the map is drawn from layers the new process holds."""
    expected = drawn(counts("both", stories=True))
    server = start_server(built_dir, logs)
    page = Page(browser)
    try:
        page.goto(server.url)
        page.wait_for_map(expected)
        server.stop()
        page.page.wait_for_selector(
            '[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=20_000
        )
        env = {"BORDER_MAP_DATA": str(built_dir)}
        server = Server(ROOT, ROOT / "app.py", env, logs / "restarted.log", port=server.port)
        page.wait_idle(timeout=60_000)  # reconnected, nobody reloaded the page
        page.sidebar().get_by_text("ไทย", exact=True).click()  # answered by the new process
        page.wait_for_param("lang", "th")
        page.wait_idle()
        assert page.nav_labels() == NAV_LABELS_TH
        assert page.sidebar().get_by_role("radio", name="ไทย").is_checked()
        page.wait_for_map(expected)
        page.close()  # fails on any HTTP error, such as a layer the new process did not hold
    finally:
        page.discard()
        server.stop()


@pytest.fixture(scope="module")
def hostile_app(built_dir, logs, tmp_path_factory):
    """A build whose names carry markup: the app must show it as text and run none of it. Published as
    `build` publishes, with a manifest of its own, so the app trusts it as a whole build."""
    from border_map.pipeline.publish import publish

    out = tmp_path_factory.mktemp("hostile") / "build"
    texts = {name: (built_dir / name).read_text(encoding="utf-8") for name in OUTPUT_FILES}
    evil = '<img src=x onerror="window.__pwned=1"><b>Chiang Khong</b>'
    districts = json.loads(texts["districts.geojson"])
    for feature in districts["features"]:
        if feature["properties"]["district"] == "Chiang Khong":
            feature["properties"]["district"] = evil
    texts["districts.geojson"] = json.dumps(districts, ensure_ascii=False)
    links = json.loads(texts["links.geojson"])
    for feature in links["features"]:
        if feature["properties"]["thai_district"] == "Chiang Khong":
            feature["properties"]["thai_district"] = evil
    texts["links.geojson"] = json.dumps(links, ensure_ascii=False)
    publish(out, texts)
    server = start_server(out, logs)
    yield server, evil
    server.stop()


def test_markup_in_names_is_shown_as_text(page, hostile_app, counts, geo):
    server, evil = hostile_app
    page.goto(f"{server.url}/?pair=01-1")
    page.wait_for_map(drawn(counts("both", stories=True)))
    expander = page.page.locator('[data-testid="stExpander"]').filter(has_text="Pair details · 01-1")
    expander.get_by_text(f"{evil} (Chiang Rai, Thailand)", exact=False).wait_for()  # shown literally
    points = geo.district_points("Chiang Khong")
    page.set_view(*points[0], zoom=10)
    page.click_map(points, lambda tip: "<b>Chiang Khong</b>" in tip and "Model-area" not in tip)
    assert page.map_eval("document.querySelectorAll('.bm-tooltip b, .bm-tooltip img').length") == 0
    page.wait_for_param("pair", "01-1")
    dialog = page.dialog()
    dialog.get_by_text(evil, exact=False).wait_for()
    assert dialog.locator("img, b").count() == 0
    assert page.map_eval("window.__pwned") is None
    assert page.page.evaluate("() => window.__pwned") is None


# --- 11. screenshots at four window sizes, with layout checks ---------------------------------------------------

SIZES = [(1280, 720), (1400, 900), (1920, 1080), (390, 844)]
SHOTS = [
    ("overview", "/", True),
    ("explore", "/explore?province=Loei&pair=08-1", True),
    ("stories", "/stories?story=2", True),
    ("data", "/data", False),
    ("present", "/present", True),
]
LAYOUT_JS = """() => {
  const frame = document.querySelector('.bm-map-box');
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const f = frame ? frame.getBoundingClientRect() : null;
  const m = main.getBoundingClientRect();
  const cs = getComputedStyle(main);
  return {
    scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, innerHeight: window.innerHeight,
    frame: f && {width: f.width, height: f.height},
    legendOpen: frame && frame.querySelector('.bm-legend') ? frame.querySelector('.bm-legend').open : null,
    main: m.width - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight),
    sideTables: Array.from(document.querySelectorAll('.bm-side .bm-table-box'))
      .map((e) => e.scrollWidth - e.clientWidth),
    metrics: Array.from(document.querySelectorAll('.bm-figure-value')).map((e) => ({
      text: e.innerText, scroll: e.scrollWidth, client: e.clientWidth,
      inner: Array.from(e.querySelectorAll('*')).filter((c) => c.scrollWidth > c.clientWidth + 1).length,
    })),
  };
}"""


def test_screenshots_and_layout(browser, app, counts):
    minimum = drawn(counts())
    problems = []
    for width, height in SIZES:
        desktop = width >= 1000
        page = Page(browser, width=width, height=height)
        try:
            for name, path, has_map in SHOTS:
                page.goto(app.url + path)
                if has_map:
                    page.wait_for_map(minimum)
                page.pause(0.8)  # fonts and the last fit
                page.shot(ARTIFACTS / f"{name}-{width}x{height}.png")
                got = page.page.evaluate(LAYOUT_JS)
                where = f"{name} at {width}x{height}"
                if got["scrollWidth"] > got["innerWidth"] + 1:
                    problems.append(f"{where}: horizontal scroll ({got['scrollWidth']} > {got['innerWidth']})")
                if has_map and got["frame"] is None:
                    problems.append(f"{where}: no map iframe")
                elif has_map:
                    if name == "overview" and got["frame"]["width"] < 0.9 * got["main"]:
                        problems.append(f"{where}: map {got['frame']['width']:.0f} px of {got['main']:.0f} px content")
                    if desktop and got["frame"]["height"] < 0.45 * height:
                        problems.append(f"{where}: map {got['frame']['height']:.0f} px high, window {height}")
                    if height <= 760 and got["legendOpen"]:  # a projector: the legend starts folded
                        problems.append(f"{where}: the legend starts open")
                if any(extra > 1 for extra in got["sideTables"]):  # beside the map: every column in view
                    problems.append(f"{where}: a table beside the map scrolls sideways ({got['sideTables']} px)")
                if name == "overview" and len(got["metrics"]) != 4:
                    problems.append(f"{where}: {len(got['metrics'])} headline figures, not 4")
                for metric in got["metrics"]:
                    if metric["scroll"] > metric["client"] + 1 or metric["inner"]:
                        problems.append(f"{where}: metric value {metric['text']!r} truncated")
        finally:
            page.close()
    assert not problems, "\n".join(problems)


# --- Thai -------------------------------------------------------------------------------------------------

OPEN_DISTRICT_TIP_JS = """(featureId) => {
  let opened = null;
  window.bmMap.eachLayer((layer) => {
    const p = layer.feature && layer.feature.properties;
    if (!opened && p && p.kind === 'district' && p.feature_id === featureId && layer.getTooltip()) {
      layer.openTooltip(layer.getBounds().getCenter());
      opened = layer.getTooltip().getElement().innerText;
    }
  });
  return opened;
}"""


def assert_draws_thai(found: dict, where: str) -> None:
    """Sarabun is loaded and draws Thai: its Thai differs from both the fallback's and from missing-glyph boxes."""
    assert found["loaded"] >= 1, f"{where}: Sarabun not loaded: {found}"
    assert found["served"] != found["controlThai"], f"{where}: Thai drawn by the fallback font: {found}"
    assert found["served"] != found["missing"], f"{where}: Thai drawn as missing-glyph boxes: {found}"


def test_thai_interface_tooltips_and_served_font(page, app, counts, geo):
    page.goto(app.url + "/?lang=th")
    page.wait_for_map(drawn(counts()))
    assert page.nav_labels() == NAV_LABELS_TH
    assert page.page.locator("h1").first.inner_text() == "พื้นที่คู่ขนานโครงการประชาชนสู่ประชาชน"
    assert page.params().get("lang") == "th"
    assert_draws_thai(page.page.evaluate(THAI_GLYPHS_JS, "Sarabun"), "page")
    assert "Sarabun" in page.page.evaluate(THAI_GLYPHS_JS, "Sarabun")["body"]
    tip = page.page.evaluate(OPEN_DISTRICT_TIP_JS, geo.district_id("Chiang Khan"))
    assert tip is not None
    assert "เชียงคาน" in tip
    assert "อำเภอ" in tip  # the row labels are Thai too
    tip_font = (
        page.page.locator(MAP_BOX).locator(".leaflet-container").evaluate("(e) => getComputedStyle(e).fontFamily")
    )
    assert tip_font.startswith("Sarabun"), tip_font  # the map's tooltips and legend use the served Thai font
    legend = page.page.locator(MAP_BOX).locator(".bm-legend summary").inner_text()
    assert legend == "คำอธิบายสัญลักษณ์"
    fonts = [u for u in page.requests if "/vendor/fonts/" in u]
    assert fonts, "the font came from this server"


def test_thai_browser_gets_thai_without_a_link_and_the_switch_writes_the_url(browser, app):
    page = Page(browser, locale="th-TH")
    try:
        page.goto(app.url + "/explore?province=Loei")
        assert page.nav_labels() == NAV_LABELS_TH
        page.wait_for_param("lang", "th")
        page.sidebar().get_by_text("English", exact=True).click()
        page.wait_for_param("lang", "en")
        page.page.get_by_role("heading", name="Explore by province").wait_for()
        assert page.nav_labels() == NAV_LABELS
        assert page.params().get("province") == "Loei"
    finally:
        page.close()


def test_thai_screenshots(browser, app, counts):
    minimum = drawn(counts())
    page = Page(browser)
    try:
        for name, path, has_map in SHOTS:
            page.goto(app.url + path + ("&" if "?" in path else "?") + "lang=th")
            if has_map:
                page.wait_for_map(minimum)
            page.pause(0.8)
            page.shot(ARTIFACTS / f"th-{name}-1400x900.png")
            got = page.page.evaluate(LAYOUT_JS)
            assert got["scrollWidth"] <= 1401
            assert all(extra <= 1 for extra in got["sideTables"]), (name, got["sideTables"])
    finally:
        page.close()


# --- Present ------------------------------------------------------------------------------------------------

PRESENT_LAYOUT_JS = """() => {
  const visible = (sel) => Array.from(document.querySelectorAll(sel)).some((e) => e.checkVisibility());
  const size = (sel) => {
    const e = document.querySelector(sel);
    return e ? parseFloat(getComputedStyle(e).fontSize) : 0;
  };
  const texts = Array.from(document.querySelectorAll('.st-key-bm_slide_text li, .st-key-bm_slide_text p'))
    .filter((e) => e.checkVisibility() && e.innerText.trim());
  const frame = document.querySelector('.bm-map-box').getBoundingClientRect();
  return {
    chrome: visible('section[data-testid="stSidebar"]') || visible('header[data-testid="stHeader"]')
      || visible('[data-testid="stToolbar"]'),
    title: size('.st-key-bm_slide_text h1'),
    smallest: Math.min(...texts.map((e) => parseFloat(getComputedStyle(e).fontSize))),
    mapShare: (Math.min(frame.right, innerWidth) - Math.max(frame.left, 0)) *
      (Math.min(frame.bottom, innerHeight) - Math.max(frame.top, 0)) / (innerWidth * innerHeight),
  };
}"""


@pytest.fixture(scope="module")
def decks(built_dir):
    from border_map.model import deck
    from border_map.model.dataset import load_dataset

    data = load_dataset(built_dir)
    return {lang: deck.slides(data, lang) for lang in ("en", "th")}


def test_present_keys_move_the_slide_and_the_url(browser, app, counts, decks):
    total = len(decks["en"])
    page = Page(browser, width=1280, height=720)
    try:
        page.goto(app.url + "/present?slide=1")
        page.wait_for_map(drawn(counts()))
        for key, expected in [
            ("ArrowRight", 2),
            ("PageDown", 3),
            ("Space", 4),
            ("PageUp", 3),
            ("ArrowLeft", 2),
            ("End", total),
            ("Home", 1),
        ]:
            page.page.keyboard.press(key)
            page.wait_for_param("slide", str(expected))
            page.page.get_by_text(f"{expected} / {total}", exact=True).wait_for()
        page.page.get_by_role("button", name="▶").click()  # the mouse works too
        page.wait_for_param("slide", "2")
    finally:
        page.close()


def test_present_is_made_for_a_projector(browser, app, counts, decks):
    page = Page(browser, width=1280, height=720)
    try:
        for number, slide in enumerate(decks["en"], start=1):
            if slide.kind not in ("overview", "province", "story"):
                continue
            page.goto(app.url + f"/present?slide={number}")
            page.wait_for_map(drawn(counts()))
            got = page.page.evaluate(PRESENT_LAYOUT_JS)
            where = f"slide {number} ({slide.kind})"
            assert not got["chrome"], f"{where}: Streamlit's sidebar, header or toolbar is visible"
            assert got["title"] >= 40, f"{where}: title {got['title']} px"
            assert got["smallest"] >= 24, f"{where}: text at {got['smallest']} px"
            assert got["mapShare"] >= 0.6, f"{where}: the map covers {got['mapShare']:.0%} of the screen"
            if slide.kind == "story":
                break
    finally:
        page.close()


def test_present_moves_the_map_to_each_story(browser, app, counts, decks):
    slides = decks["en"]
    first = next(i for i, s in enumerate(slides, start=1) if s.kind == "story")
    page = Page(browser, width=1280, height=720)
    try:
        page.goto(app.url + f"/present?slide={first - 1}")
        page.wait_for_map(drawn(counts()))
        for number in range(first, len(slides) + 1):
            slide = slides[number - 1]
            page.page.keyboard.press("ArrowRight")
            page.wait_for_param("slide", str(number))
            if slide.kind != "story":
                break
            (south, west), (north, east) = slide.map.fit
            page.wait_for_center(south, west, north, east)
    finally:
        page.close()


def test_present_screenshots_of_every_slide(browser, app, counts, decks):
    for lang in ("en", "th"):
        for width, height in ((1280, 720), (1920, 1080)):
            page = Page(browser, width=width, height=height)
            try:
                page.goto(app.url + f"/present?slide=1&lang={lang}")
                page.wait_for_map(drawn(counts()))
                total = len(decks[lang])
                for number in range(1, total + 1):
                    if number > 1:
                        page.page.keyboard.press("ArrowRight")
                        page.wait_for_param("slide", str(number))
                    page.page.get_by_text(f"{number} / {total}", exact=True).wait_for()
                    page.pause(0.6)
                    page.shot(ARTIFACTS / "present" / f"{lang}-{width}x{height}-{number:02d}.png")
                    assert page.page.evaluate("document.documentElement.scrollWidth") <= width + 1
                    box = page.page.locator(".st-key-bm_forward").bounding_box()
                    where = f"{lang} slide {number} at {width}x{height}"
                    assert box, where
                    assert box["y"] + box["height"] <= height, f"{where}: the controls are below the screen"
            finally:
                page.close()
