"""Long labels on a phone (390 x 844), in a real Chromium: what the overview's pair dialog and the details
below its map show, a story's title as a link above all, wraps and is read whole, never cut off at the box's
edge. Explore opens no dialog (tests/app/test_pair_click.py). On the session's app server."""

from __future__ import annotations

import pytest

from tests.support.browser import Page

pytestmark = [pytest.mark.browser, pytest.mark.real]

PAIR = "36-1"  # Pong Nam Ron: the longest story title of the five
DETAILS = {"en": "Details", "th": "รายละเอียด"}
STORY = {"en": "Story 4: Labor Importation under Section 64", "th": "เรื่องที่ 4: การนำเข้าแรงงานตามมาตรา 64"}

# Each text under `root` that runs past the edge of a box that hides what overflows it (the text's own box,
# any box around it, the window), unless that edge ends it with an ellipsis. Measured on the text itself: a box
# around it can be narrower than the line it holds without saying so in its own sizes.
CUT_JS = """(root) => {
  const cut = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (!text.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const right = range.getBoundingClientRect().right;
    const what = text.textContent.trim().slice(0, 40);
    if (right > innerWidth + 1) cut.push(`${what}: past the window`);
    for (let box = text.parentElement; box && box !== document.body; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible') continue;
      const ellipsis = style.textOverflow === 'ellipsis' && box === text.parentElement;
      if (right > box.getBoundingClientRect().right + 1 && !ellipsis) cut.push(`${what}: cut by ${box.tagName}`);
    }
  }
  return cut;
}"""


# Points of the map's shapes that take the pointer (and show a tooltip), in the window's coordinates: the first
# from its left edge and the first right of its middle, where Leaflet puts a tooltip to the pointer's left.
SHAPE_POINTS_JS = """(box) => {
  const rect = box.getBoundingClientRect(), found = {};
  const top = Math.max(rect.top, 0) + 30, bottom = Math.min(rect.bottom, innerHeight) - 30;
  const shape = (x, y) => {
    const el = document.elementFromPoint(x, y);
    return el && el.matches('path.leaflet-interactive') && box.contains(el);
  };
  for (const [name, from, to] of [['left', rect.left + 6, rect.left + 60], ['right', rect.left + rect.width / 2 + 4,
      rect.left + rect.width / 2 + 80]]) {
    for (let x = from; x < to && !found[name]; x += 4) {
      for (let y = top; y < bottom; y += 6) if (shape(x, y)) { found[name] = [x, y]; break; }
    }
  }
  return found;
}"""


def assert_tooltips_inside_the_map(phone: Page) -> None:
    """A tooltip, opened near the map's left edge or just right of its middle, stays inside the map's box, which
    would cut it (render.map_elements.TooltipsInside): Leaflet puts it beside the pointer whatever its width."""
    box = phone.page.locator(".bm-map-box .leaflet-container")
    box.scroll_into_view_if_needed()
    points = box.evaluate(SHAPE_POINTS_JS)
    assert set(points) == {"left", "right"}, points
    tip = phone.page.locator(".leaflet-tooltip")
    for where, (x, y) in points.items():
        phone.page.mouse.move(1, 1)  # off the map: the last tooltip closes
        tip.wait_for(state="detached")
        phone.page.mouse.move(x, y)
        tip.wait_for()
        shown, frame = tip.bounding_box(), box.bounding_box()
        assert shown["x"] >= frame["x"] - 0.5, f"{where}: cut at the left edge"
        assert shown["x"] + shown["width"] <= frame["x"] + frame["width"] + 0.5, f"{where}: cut at the right edge"
        assert shown["y"] >= frame["y"] - 0.5, f"{where}: cut at the top"
        assert shown["y"] + shown["height"] <= frame["y"] + frame["height"] + 0.5, f"{where}: cut at the bottom"


@pytest.fixture
def phone(browser):
    opened = Page(browser, width=390, height=844)
    yield opened
    opened.close()


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_story_link_in_the_pair_dialog_wraps_on_a_phone(phone, app, lang):
    phone.goto(f"{app.url}/?lang={lang}&pair={PAIR}")
    phone.page.get_by_role("button", name=DETAILS[lang]).click()
    dialog = phone.dialog()
    link = dialog.locator('[data-testid="stPageLink"]').filter(has_text=STORY[lang])
    link.wait_for()
    phone.wait_idle()
    assert link.evaluate(CUT_JS) == []
    label = link.locator('[data-testid="stPageLink-NavLink"] > span').last
    assert label.bounding_box()["height"] > 2 * 16, "the title should take several lines"
    box, shown = dialog.bounding_box(), link.bounding_box()
    assert shown["x"] + shown["width"] <= box["x"] + box["width"]

    phone.page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    buttons = phone.page.locator(".bm-chip button").all()  # the selection's Details and Clear, on the map
    assert len(buttons) == 2
    for button in buttons:
        assert button.evaluate(CUT_JS) == []
    assert_tooltips_inside_the_map(phone)


# Each cell of the table whose text is cut (wider than its box, shown with an ellipsis or hidden), and the table's
# own overflow past its box (which then scrolls sideways with nothing to say so).
CELLS_CUT_JS = """(table) => {
  const cut = [...table.querySelectorAll('th, td')].filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
    .map((cell) => cell.textContent.trim().slice(0, 30));
  const box = table.parentElement;
  return {cut, overflow: box.scrollWidth - box.clientWidth};
}"""


@pytest.mark.parametrize("lang", ["en", "th"])
def test_a_pairs_facts_and_each_figures_note_are_read_whole_on_a_phone(phone, app, lang):
    """The pair dialog's table of facts wraps its words (Thai labels once cut its values to "เชียงคาน (Chiang K…"),
    and the note a figure's "?" opens stays on the screen, whichever figure (the right column's ran off it)."""
    phone.goto(f"{app.url}/?lang={lang}&pair=08-1")
    phone.page.get_by_role("button", name=DETAILS[lang]).click()
    facts = phone.dialog().locator("table.bm-table").first
    facts.wait_for()
    phone.wait_idle()
    assert facts.evaluate(CELLS_CUT_JS) == {"cut": [], "overflow": 0}
    phone.page.keyboard.press("Escape")
    phone.dialog().wait_for(state="detached")
    figures = phone.page.locator(".bm-figure[aria-describedby]")
    assert figures.count() == 4
    for figure in figures.all():
        figure.focus()  # a tap's way: it focuses the figure
        note = phone.page.locator("#" + figure.get_attribute("aria-describedby"))
        note.wait_for()
        shown = note.bounding_box()
        assert shown["x"] >= 0, f"{figure.inner_text()[:20]}: note starts off the screen"
        assert shown["x"] + shown["width"] <= 390, f"{figure.inner_text()[:20]}: note runs off the screen"


@pytest.mark.parametrize("path", ["/data", "/stories?story=1"])
def test_no_heading_stands_larger_than_the_pages_title_on_a_phone(phone, app, path):
    """Streamlit makes a title smaller on a phone but not the headings below it: the Data page's "What the build
    found" stood at 36 px under a 25.6 px title (page.css keeps them below it)."""
    phone.goto(app.url + path)
    phone.page.locator('[data-testid="stMain"] h1').first.wait_for()
    phone.wait_idle()
    sizes = phone.page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] :is(h1, h2, h3)')]
             .map((h) => [h.tagName, h.textContent.trim().slice(0, 30), parseFloat(getComputedStyle(h).fontSize)])"""
    )
    title = max(size for tag, _text, size in sizes if tag == "H1")
    below = [(tag, text, size) for tag, text, size in sizes if tag != "H1"]
    assert below, sizes  # the page has section headings to compare
    assert all(size < title for _tag, _text, size in below), sizes
