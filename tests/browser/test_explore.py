"""Explore in a real browser: a province typed in any spelling or linked to and unknown, the table and the map
choosing the same pair, the panel's story link, a click on a province with the selection outline, and the
stacking of the base layers whatever order their files arrive in."""

from __future__ import annotations

import re
import time

import pytest

from border_map.i18n import translator
from border_map.names import normalise
from tests.support.browser import (
    MAP_BOX,
    NAV_LABELS,
    Page,
    drawn,
    heading,
    script,
    selection_widths,
    wait_for_selection,
)
from tests.support.data import NORMALISE_CASES

pytestmark = [pytest.mark.browser, pytest.mark.real]


# --- the province box and links ----------------------------------------------------------------------------


def test_a_province_typed_in_any_spelling_opens_it_and_an_unknown_one_says_so(page, app, geo):
    """The box's list finds a province by any spelling the server's resolver reads (the boundary source's, the
    seed's, either Thai form), as the text is typed; Enter opens it. A name that is no province: the list says
    so in the page's language (no English on the Thai page), and Enter asks the server, which names it back with
    the closest."""
    page.goto(app.url + "/explore?province=Loei")
    page.page.get_by_role("heading", name=heading(geo.pairs_in("THA", "Loei"), "Loei"), exact=True).wait_for()
    page.wait_idle()
    # The page's JavaScript normalises a typed name as the server does (names.normalise).
    assert page.page.evaluate(script("normalise"), NORMALISE_CASES) == [normalise(t) for t in NORMALISE_CASES]
    banteay = "Banteay Meanchey · บันเตียเมียนเจย (Cambodia)"
    assert page.type_in_box("บันทายมีชัย", enter=False) == [banteay]  # the other Thai form, shown by none
    assert page.type_in_box("banteay-mean chey", enter=False) == [banteay]
    for typed, country, canonical in [("Si Sa Ket", "THA", "Sisaket"), ("Xaignabouli", "LAO", "Xayaburi")]:
        assert page.type_in_box(typed)[0].startswith(f"{canonical} · ")  # listed as typed, chosen with Enter
        expected = heading(geo.pairs_in(country, canonical), canonical)
        page.page.get_by_role("heading", name=expected, exact=True).wait_for()
        page.wait_for_param("province", canonical)
        page.wait_idle()
        assert canonical in page.box_value()

    assert page.type_in_box("Atlantis", enter=False) == []
    none = page.page.locator(".bm-pbox-none")
    assert none.inner_text() == "No province in the list matches “Atlantis”. Press Enter to search every spelling."
    page.page.keyboard.press("Enter")
    page.page.get_by_text("No province in the table goes by that name.").wait_for()
    page.page.get_by_text("Asked for: Atlantis", exact=True).wait_for()
    page.wait_for_param("province", "Atlantis")  # the URL says what was asked (written as the run ends)
    assert page.page.locator(".bm-side-heading").count() == 0  # and shows no other province as if asked
    assert page.box_value() == ""  # no province shown

    # In Thai: the list's line has no Latin but the text typed, and the server's answer is Thai.
    th = translator("th")
    page.goto(app.url + "/explore?province=Loei&lang=th")
    assert page.type_in_box("Sisakett", enter=False) == []
    said = none.inner_text()
    assert "“Sisakett”" in said
    assert not re.search(r"[A-Za-z]", said.replace("Sisakett", "")), said
    page.page.keyboard.press("Enter")
    page.page.get_by_text(th("No province in the table goes by that name.")).wait_for()
    page.page.get_by_text(th("Asked for: {value}", value="Sisakett"), exact=True).wait_for()
    assert "Sisaket" in page.main_text()  # among the closest


def test_unknown_province_deep_link(page, app):
    """The message is boxed and repeats the value as plain text; no other province is shown as if asked. (As
    a fresh server's first request, /explore is test_first_request.py's.)"""
    page.goto(app.url + "/explore?province=Atlantis", idle=False)
    page.page.get_by_text("The link asks for a province that is not in the table.").wait_for()
    page.wait_idle()
    assert page.nav_labels() == NAV_LABELS
    box = (
        page.page.locator('[data-testid="stVerticalBlock"]')
        .filter(has_text="The link asks for a province that is not in the table.")
        .filter(has_text="Asked for: Atlantis")
        .last  # the innermost block holding both: the message box
    )
    assert box.evaluate("(e) => getComputedStyle(e).borderTopStyle") == "solid", "the message is not boxed"
    box.locator('[data-testid="stText"]').get_by_text("Asked for: Atlantis", exact=True).wait_for()  # plain text
    assert "Closest:" not in box.inner_text()  # no province is spelt anything like it (resolve._suggest)
    text = page.main_text()
    assert not re.search(r"\bpairs? in\b", text), "another province shown as if asked"
    assert page.box_value() == ""
    assert page.params().get("province") == "Atlantis"
    assert page.page.locator(MAP_BOX).count() == 0


# --- table and map selections agree ---------------------------------------------------------------------------


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
        page.pause(0.1)
        highlighted = page.highlighted_rows()
    assert [rows[i] for i in highlighted] == [pair], f"table highlights {[rows[i] for i in highlighted]}, URL {pair}"


def test_table_and_map_selection_agree(page, app, counts, geo):
    expected = counts(clickable=True)
    page.provinces_first(lambda: page.goto(app.url + "/explore?province=Loei"), expected["provinces"], drawn(expected))
    assert page.grid_rows() == ["07-1", "08-1", "09-1", "10-1", "11-1"]
    assert page.highlighted_rows() == []
    # The legend lists what the map draws: "Selected pair" once a pair is drawn (render.map_elements.LegendEntry).
    entry_hidden = "() => document.querySelector('.bm-map-box .bm-legend-selected').hidden"
    assert page.page.evaluate(entry_hidden) is True

    page.select_row(page.grid_rows().index("08-1"))
    assert_selection_agrees(page, "08-1")
    page.page.wait_for_function(f"() => !({entry_hidden})()")
    assert page.dialog().count() == 0  # a table choice shows its details beside the table

    page.click_map(geo.district_points("Pak Chom"), lambda tip: "Pak Chom" in tip and "09-1" in tip)
    # A map click selects the pair beside the table: its details in the side panel, no dialog over the map.
    page.page.locator(".bm-side").get_by_text("Pair 09-1", exact=True).wait_for()
    assert page.dialog().count() == 0
    assert_selection_agrees(page, "09-1")

    page.select_row(page.grid_rows().index("11-1"))
    assert_selection_agrees(page, "11-1")
    page.select_row(page.grid_rows().index("08-1"))
    assert_selection_agrees(page, "08-1")


def test_explore_panel_story_link_opens_the_story_with_the_filters(page, app):
    """The chosen pair's story link, in the panel beside the map, opens the story page (filters kept)."""
    page.goto(app.url + "/explore?province=Loei&pair=08-1&border=laos")
    link = page.page.locator(".bm-side").get_by_role("button", name=re.compile(r"^Story 1: Leading the Way"))
    link.click()
    # The page switch writes the new query and then the new path: wait for the path, then read the query.
    page.page.wait_for_url(re.compile(r"/stories\?"), timeout=30_000)
    params = page.wait_for_param("story", "chiang-khan-security")
    assert params["border"] == "laos"
    page.page.get_by_role("heading", name=re.compile(r"^Leading the Way")).first.wait_for()


# --- a click on a province; the selection outline ---------------------------------------------------------------


def test_province_click_and_selection_outline(page, app, counts, geo):
    page.goto(app.url + "/explore?province=Loei&pair=08-1")
    page.wait_for_map(drawn(counts(clickable=True)))
    page.page.get_by_role("heading", name="Pair 08-1", exact=True).wait_for()
    facts = page.page.get_by_role("table", name="Pair details")
    assert facts.locator("thead").count() == 0  # named values: no header row, each row named by its first cell
    assert facts.get_by_role("rowheader").all_inner_texts()[0] == "Table number"
    # Marked by outline weight as well as colour: the district outline (4.5) and the link (5).
    assert len(wait_for_selection(page, 2)) >= 2, selection_widths(page)

    points = geo.province_points("Nong Khai")
    page.drag_to(*points[0])  # a real drag: Nong Khai lies east of the fitted Loei view
    page.click_map(points, lambda tip: "Nong Khai" in tip and "District" not in tip)
    assert page.wait_for_param("province", "Nong Khai") == {"province": "Nong Khai", "lang": "en"}
    assert "province=Nong+Khai" in page.url or "province=Nong%20Khai" in page.url
    expected = heading(geo.pairs_in("THA", "Nong Khai"), "Nong Khai")
    page.page.get_by_role("heading", name=expected, exact=True).wait_for()
    assert page.box_value() == "Nong Khai · หนองคาย (Thailand)"
    page.wait_idle()
    assert wait_for_selection(page, 0) == [], "the old pair is still outlined"
    # The clicked shape keeps the focus: no focus ring around its bounding box, two long lines across the map.
    ring = page.map_eval(script("focus_ring"))
    assert ring == "none", ring


# --- the base layers stack by kind, whatever order their files arrive in --------------------------------------


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
    expected = counts("both", stories=path == "/", clickable=path != "/")
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


# --- the mouse wheel --------------------------------------------------------------------------------------------

MAIN_SCROLL_JS = "() => document.querySelector('section.stMain, .stMain').scrollTop"


def test_the_wheel_scrolls_the_page_until_the_map_is_chosen(page, app, counts):
    """Scrolling down Explore with the pointer over the map reaches what is below it; once the viewer has
    chosen the map (the keyboard's focus here, a press does the same), the wheel zooms it (map_widget.js)."""
    page.goto(app.url + "/explore?province=Loei&pair=08-1&lang=en")  # the pair's details run below the screen
    page.wait_for_map(drawn(counts(clickable=True)))
    box = page.page.locator(MAP_BOX).bounding_box()
    page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    zoom = page.map_state()["zoom"]
    page.page.mouse.wheel(0, 300)
    page.page.wait_for_function(f"() => ({MAIN_SCROLL_JS})() > 0")
    page.page.wait_for_timeout(300)  # a zoom the wheel had started would have ended by now
    assert page.map_state()["zoom"] == zoom

    page.page.locator(f"{MAP_BOX} .leaflet-container").focus()
    box = page.page.locator(MAP_BOX).bounding_box()  # the page has scrolled
    page.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.page.mouse.wheel(0, -300)
    page.page.wait_for_function("z => window.bmMap.getZoom() > z", arg=zoom)
