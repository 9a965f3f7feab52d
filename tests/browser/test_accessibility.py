"""Accessibility in a real browser: axe-core (axe-playwright-python) finds no serious or critical violation of the
WCAG 2.1 A/AA rules in the exports opened from file:// (the app's own pages are checked on the page tour in
test_layout.py, in English and Thai, on a desktop and a phone); and a keyboard alone walks page link ->
province box -> a pair row -> its story -> Present -> next slide, with a visible focus ring at each step, a
named map whose text equivalent is the table beside it, and a selection shown by more than colour.
"""

from __future__ import annotations

import re

import pytest

from tests.support.axe import blocking_violations
from tests.support.browser import SELECT_BOX, Page, wait_for_selection

pytestmark = [pytest.mark.browser, pytest.mark.real]

VIEWPORTS = [(1400, 900), (390, 844)]
FOCUS_RING_JS = """() => {
  let e = document.activeElement;
  if (!e || !e.matches(':focus-visible')) return null;
  for (let i = 0; e && i < 3; i++, e = e.parentElement) {
    const s = getComputedStyle(e);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    if (outline || shadow) return {tag: e.tagName, outline: outline ? s.outlineWidth + ' ' + s.outlineColor : null,
      shadow: shadow ? s.boxShadow : null};
  }
  return null;
}"""


def open_file(browser, path, width: int, height: int):
    """A page with the file opened from file://, every other request refused (an export needs none)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => document.fonts.status === 'loaded' && document.querySelector('.leaflet-pane')")
    return context, page


@pytest.fixture(scope="module")
def exports(exports_dir):
    """The exports as a reader gets them: the one-file HTML of a province, a page of the static site, the deck."""
    site_page = exports_dir / "site" / "provinces" / "tha-loei.html"
    assert site_page.exists(), sorted(p.name for p in (exports_dir / "site" / "provinces").iterdir())[:5]
    return {"one-file HTML": exports_dir / "loei-th.html", "site page": site_page, "deck": exports_dir / "deck-en.html"}


@pytest.mark.parametrize(("width", "height"), VIEWPORTS, ids=["desktop", "phone"])
def test_the_exports_have_no_serious_violation(browser, exports, width, height):
    found: list[str] = []
    for name, path in exports.items():
        context, page = open_file(browser, path, width, height)
        try:
            found += blocking_violations(page, f"{name} {width}x{height}")
        finally:
            context.close()
    assert not found, "axe (WCAG 2.1 A/AA):\n" + "\n".join(found)


# --- the keyboard alone ------------------------------------------------------------------------------------------


def tab_to(page: Page, selector: str, limit: int = 400) -> dict:
    """Press Tab until the focus is on an element matching `selector`; returns its focus ring (asserted)."""
    for _ in range(limit):
        page.page.keyboard.press("Tab")
        if page.page.evaluate("(s) => !!document.activeElement && document.activeElement.matches(s)", selector):
            ring = page.page.evaluate(FOCUS_RING_JS)
            assert ring, f"no visible focus ring on {selector}"
            return ring
    raise AssertionError(f"Tab never reached {selector} in {limit} presses")


def test_a_keyboard_alone_walks_from_a_page_link_to_the_next_slide(browser, app):
    page = Page(browser, width=1400, height=900)
    try:
        page.goto(app.url + "/")
        page.wait_for_map(1)
        # A page link (the sidebar's own nav).
        tab_to(page, 'nav.bm-nav a[data-page="explore"]')
        page.page.keyboard.press("Enter")
        page.page.wait_for_url(re.compile(r"/explore"))
        page.wait_idle()
        # The province box (WAI-ARIA APG combobox): named by its visible label, described by its hint, its list
        # opened and walked with the arrows, closed with Escape, then a name typed and chosen with Enter.
        tab_to(page, SELECT_BOX)
        box = page.page.locator(SELECT_BOX)
        assert box.evaluate("(e) => [e.labels[0].textContent, e.placeholder]") == [
            "Province",
            "Choose or type a province",
        ]
        hint = page.page.locator("#" + box.get_attribute("aria-describedby"))
        assert hint.inner_text().startswith("Thai provinces first")
        assert hint.is_visible()
        listbox = page.page.locator("#" + box.get_attribute("aria-controls"))
        assert (listbox.get_attribute("role"), box.get_attribute("aria-autocomplete")) == ("listbox", "list")
        assert box.get_attribute("aria-expanded") == "false"
        shown = page.box_value()
        page.page.keyboard.press("ArrowDown")  # opens at the province shown
        assert box.get_attribute("aria-expanded") == "true"
        active = page.page.locator("#" + box.get_attribute("aria-activedescendant"))
        assert (active.get_attribute("role"), active.get_attribute("aria-selected")) == ("option", "true")
        assert active.inner_text() == shown
        page.page.keyboard.press("ArrowDown")
        second = page.page.locator("#" + box.get_attribute("aria-activedescendant"))
        assert second.inner_text() != shown
        assert listbox.locator('[aria-selected="true"]').count() == 1
        page.page.keyboard.press("End")
        assert box.get_attribute("aria-activedescendant") == listbox.locator('[role="option"]').last.get_attribute("id")
        page.page.keyboard.press("Escape")  # closes the list, nothing chosen
        assert box.get_attribute("aria-expanded") == "false"
        assert box.get_attribute("aria-activedescendant") is None
        page.page.keyboard.type("loe")
        page.page.keyboard.press("Escape")
        page.page.keyboard.press("Escape")  # the second puts back the province shown
        assert page.box_value() == shown
        page.page.keyboard.press("Control+A")
        page.page.keyboard.type("Loei")
        assert listbox.locator('[aria-selected="true"]').inner_text().startswith("Loei · ")
        page.page.keyboard.press("Enter")
        page.wait_for_param("province", "Loei")
        assert page.page.evaluate("() => document.activeElement.id") == box.get_attribute("id")  # kept the focus
        page.wait_for_map(1)
        # The map is named, and the table beside it is its text equivalent.
        container = page.page.locator(".bm-map-box .leaflet-container")
        assert container.get_attribute("role") == "region"
        assert container.get_attribute("aria-label") == "Map of the border districts and their pairs"
        described = container.get_attribute("aria-describedby")
        assert described, "the map has no description"
        assert page.page.locator(f"#{described}").evaluate("(e) => e.tagName") == "TABLE"
        assert "08-1" in page.page.locator(f"#{described}").inner_text()
        # A pair row, chosen with Enter: past the map's shapes (each of which the keyboard reaches too) by the
        # link before the map, a Tab or two away, so the table is not a hundred presses off.
        tab_to(page, "a.bm-skip", limit=6)
        assert page.page.locator("a.bm-skip").inner_text() == "Skip the map"
        page.page.keyboard.press("Enter")
        tab_to(page, '.bm-side tr.bm-pick[data-key="08-1"]', limit=6)
        page.page.keyboard.press("Enter")
        page.wait_for_param("pair", "08-1")
        page.wait_idle()
        # Chosen by more than colour: the row is bold and aria-selected, the map's outline thick.
        row = page.page.locator('.bm-side tr[data-key="08-1"]')
        assert row.get_attribute("aria-selected") == "true"
        assert int(row.evaluate("(r) => getComputedStyle(r).fontWeight")) >= 700
        page.page.wait_for_function("() => document.querySelectorAll('.leaflet-map-pane path').length > 0")
        assert wait_for_selection(page), "the chosen pair is not outlined on the map"
        # Its story link.
        tab_to(page, ".bm-side .bm-story-link")
        page.page.keyboard.press("Enter")
        page.page.wait_for_url(re.compile(r"/stories\?"))
        page.wait_for_param("story", "chiang-khan-security")
        page.page.get_by_text("Story 1 of 5", exact=True).wait_for()  # the Stories page's run, not just its URL
        page.wait_idle()
        # Present, from the page links; then the next slide by its key and by its button.
        tab_to(page, 'nav.bm-nav a[data-page="present"]')
        page.page.keyboard.press("Enter")
        page.page.wait_for_url(re.compile(r"/present"))
        # Present's own counter, not just a map: the address changes before its run starts, and the Stories
        # page still on screen meanwhile has a map too, and takes ArrowRight for its next story.
        page.page.get_by_text(re.compile(r"^1 / \d+$")).wait_for()
        page.wait_idle()
        page.wait_for_map(1)
        page.page.keyboard.press("ArrowRight")
        page.wait_for_param("slide", "2")
        page.wait_idle()
        ring = tab_to(page, ".st-key-bm_forward button")
        assert ring["outline"] or ring["shadow"]
        page.page.keyboard.press("Enter")
        page.wait_for_param("slide", "3")
    finally:
        page.close()


FOCUS_LINK_JS = """(pair) => {
  let found = null;
  bmMap.eachLayer((layer) => {
    const props = layer.feature && layer.feature.properties;
    const wanted = props && props.kind === 'link' && props.pair_id === pair;
    if (!found && wanted && layer.getElement) found = layer.getElement();
  });
  if (found) found.focus();
  return !!found && document.activeElement === found;
}"""


def test_a_shape_on_the_map_is_chosen_with_enter(page, app):
    """The keyboard reaches the map's clickable shapes (Tab); Enter on one chooses it as a click does."""
    page.goto(app.url + "/explore?province=Loei")
    page.wait_for_map(1)
    assert page.page.evaluate(FOCUS_LINK_JS, "08-1"), "no focusable line for pair 08-1 on the map"
    page.page.keyboard.press("Enter")
    page.wait_for_param("pair", "08-1")
