"""The overview in a real browser: the map visible and complete, its layers asked for once, the headline
figures' explanations, the story markers (mouse and keyboard) and a click on a pair.

Every page is opened in a fresh browser context whose requests to any other host are refused and fail the test
(tests.support.browser.Page), as do console errors.
"""

from __future__ import annotations

import itertools
import math
import time
from urllib.parse import urlparse

import pytest

from tests.support.browser import MAP_BOX, STORY_2, drawn, script, selection_widths, stories, wait_for_selection

pytestmark = [pytest.mark.browser, pytest.mark.real]
STORY_MARKERS_JS = script("story_markers")


def layer_requests(page) -> list[str]:
    return [urlparse(u).path for u in page.requests if urlparse(u).path.startswith("/layers/")]


def test_overview_map_is_visible_and_complete_and_a_second_viewer_gets_its_layers_announced(page, app, counts):
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
    # The page's one heading, drawn by the figures element, looks as Streamlit's st.title on the other pages does
    # (the theme's h1: 2.75rem, bold) and comes before the figures.
    title = page.page.locator('[data-testid="stMain"] h1')
    assert title.count() == 1
    assert title.inner_text() == "People-to-People parallel areas"
    look = title.evaluate("(h) => { const c = getComputedStyle(h); return [c.fontSize, c.fontWeight, c.paddingTop]; }")
    assert look == ["44px", "700", "20px"], look
    assert title.evaluate("(h) => !!(h.compareDocumentPosition(document.querySelector('.bm-figures')) & 4)")
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
    layers = layer_requests(page)
    assert layers
    assert len(layers) == len(set(layers)), layers

    # A second viewer (this page was the first, or another test's was): the page's head names the layers.
    page.requests.clear()
    page.goto(app.url)
    page.wait_for_map(drawn(expected))
    head = page.page.evaluate("document.head.innerHTML")
    assert "addEventListener('load'" in head
    assert "/layers/" in head
    layers = layer_requests(page)
    assert layers
    assert len(layers) == len(set(layers)), layers


def test_headline_figures_explain_themselves_on_hover_focus_and_tap(page, app):
    page.goto(app.url)
    period = page.page.locator(".bm-figure").filter(has_text="Period")
    period.locator(".bm-figure-value").get_by_text("15 June – 15 September 2024", exact=True).wait_for()
    help_text = period.locator(".bm-figure-help")
    assert not help_text.is_visible()
    period.focus()  # the keyboard's way, and a tap's: a tap focuses the figure
    help_text.get_by_text("As stated in the programme text.", exact=True).wait_for()
    assert period.get_attribute("aria-describedby") == help_text.get_attribute("id")
    page.page.locator("h1").first.click()
    page.page.mouse.move(0, 0)
    help_text.wait_for(state="hidden")
    period.hover()
    help_text.wait_for(state="visible")


# --- story markers --------------------------------------------------------------------------------------------


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


def test_a_press_on_a_map_past_the_screen_edge_moves_nothing_under_the_pointer(page, app, counts):
    """In Thai at 1400x900 the headings push the map's foot past the screen's edge. Leaflet focuses the map on a
    press, which scrolled Streamlit's main section by 40 px under the pointer, so the click landed on the map
    behind the marker and the story never opened (map_widget.js focuses the map first, without scrolling)."""
    page.goto(app.url + "/?lang=th")
    page.wait_for_map(drawn(counts("both", stories=True)))
    box = page.page.locator(".bm-map-box").bounding_box()
    assert box["y"] + box["height"] > page.page.viewport_size["height"]  # the case itself: the map runs past
    second = next(m for m in page.page.evaluate(STORY_MARKERS_JS) if m["text"] == "2")
    page.page.mouse.move(second["x"], second["y"])
    page.page.mouse.down()
    moved = next(m for m in page.page.evaluate(STORY_MARKERS_JS) if m["text"] == "2")
    assert (moved["x"], moved["y"]) == (second["x"], second["y"])
    page.page.mouse.up()
    assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "th"}


def test_story_markers_open_from_the_keyboard(page, app, counts):
    """The markers are focusable buttons (Tab reaches them); Enter opens the story as a click does."""
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    marker = page.page.locator(".bm-map-box .leaflet-marker-icon", has_text="2")
    assert marker.get_attribute("role") == "button"
    marker.focus()
    # The keyboard's focus shows its tooltip, as the pointer's hover does.
    page.page.locator(".bm-map-box .leaflet-tooltip", has_text="Phu Sing").wait_for()
    page.page.keyboard.press("Enter")
    page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
    assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}


# --- a click on the map opens a pair ----------------------------------------------------------------------------


def test_overview_click_opens_the_pair(page, app, counts, geo):
    page.goto(app.url)
    page.wait_for_map(drawn(counts("both", stories=True)))
    assert selection_widths(page) == []
    map_top = page.page.locator(MAP_BOX).bounding_box()["y"]
    points = geo.district_points("Chiang Khan")
    page.set_view(*points[0], zoom=10)  # as a user zooming in: the district is a few pixels wide at the start
    page.click_map(points, lambda tip: "Chiang Khan" in tip and "08-1" in tip and "Model-area" not in tip)
    assert page.wait_for_param("pair", "08-1") == {"pair": "08-1", "lang": "en"}
    dialog = page.dialog()
    dialog.get_by_text("Pair 08-1", exact=True).wait_for()
    dialog.get_by_text("Chiang Khan (Loei, Thailand)", exact=False).wait_for()
    assert "Pair details" in dialog.inner_text()
    dialog.get_by_role("button", name="Close").click()  # with the mouse, as most close it
    dialog.wait_for(state="detached")
    # The dialog hands the focus back to the district clicked: its tooltip is the keyboard's, not a click's.
    page.page.wait_for_timeout(300)
    assert page.page.locator(f"{MAP_BOX} .leaflet-tooltip").count() == 0, "a tooltip opened with no pointer on it"
    # One place for the details: nothing below the map repeats the dialog; the bar above reopens it.
    assert page.page.locator('[data-testid="stExpander"]').count() == 0
    assert page.main_text().count("Chiang Khan (Loei, Thailand)") == 0
    widths = wait_for_selection(page)
    assert widths, "the selected pair has no thick outline"
    # The selection is named on the map itself: choosing the pair moved nothing above the map, so the map stayed
    # where it was under the pointer; Details there reopens the dialog, Clear ends the selection.
    chip = page.page.locator(f"{MAP_BOX} .bm-chip")
    assert chip.inner_text().startswith("Selected: pair 08-1 · Chiang Khan ↔ Sanakham"), chip.inner_text()
    assert page.page.locator(MAP_BOX).bounding_box()["y"] == map_top
    chip.get_by_role("button", name="Details").click()
    dialog.get_by_text("Pair 08-1", exact=True).wait_for()
    page.page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    chip.get_by_role("button", name="Clear").click()
    chip.wait_for(state="detached")
    assert "pair" not in page.wait_for_param("pair", None)
    assert page.page.locator(MAP_BOX).bounding_box()["y"] == map_top
