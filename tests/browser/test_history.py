"""The browser's history, in a real Chromium: one step a user takes is one entry, and Back restores exactly
the view before it (web/state.py writes the URL once per run and reads it again after Back and Forward)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.support.browser import SELECT_BOX, Page

pytestmark = [pytest.mark.browser, pytest.mark.real]


def _length(page: Page) -> int:
    return page.page.evaluate("() => history.length")


def _heading(page: Page, text: str) -> None:
    page.page.get_by_role("heading", name=text).first.wait_for()


def test_each_step_is_one_history_entry_and_back_restores_the_view_before_it(page, app):
    page.goto(app.url + "/explore?province=Loei&lang=en")
    _heading(page, "Explore by province")
    page.wait_for_param("province", "Loei")
    page.wait_idle()
    start = _length(page)

    page.type_in_box("Nong Khai")
    page.wait_for_param("province", "Nong Khai")
    page.wait_idle()
    assert _length(page) == start + 1  # the province and the dropped pair: one entry

    page.sidebar().get_by_text("ไทย", exact=True).click()
    page.wait_for_param("lang", "th")
    _heading(page, "สำรวจรายจังหวัด")
    page.wait_idle()
    assert _length(page) == start + 2

    page.page.go_back()
    page.wait_for_param("lang", "en")
    _heading(page, "Explore by province")  # the language of the entry, not the session's last choice
    page.wait_idle()
    assert page.params()["province"] == "Nong Khai"
    assert page.sidebar().get_by_role("radio", name="English", exact=True).is_checked()

    page.page.go_back()
    page.wait_for_param("province", "Loei")
    # The address changes at once; the run it starts may not have begun yet, so the box is waited for (a wrong
    # province after the run still fails, at the timeout).
    expect(page.page.locator(SELECT_BOX)).to_have_value(re.compile(r"^Loei"), timeout=30_000)
    page.wait_idle()
    assert page.box_value().startswith("Loei")


def test_a_link_the_first_run_tidies_is_one_entry_and_back_leaves_the_app(page, app):
    """Opening a link is one entry, however the page's first run rewrites it (the province as the table
    spells it, the language added): it was two, and the first Back only went from the tidy address to the
    untidy one (web/server/hints.py, LANDING_HISTORY). A step after it is one entry, as always.

    Nothing is evaluated in the page until the tidy address is there: Playwright evaluates scripts as if the
    user had acted (user activation), which a viewer who has only opened a link has not."""
    assert _length(page) == 1  # a new tab
    page.page.goto(app.url + "/explore?province=nong%20khai", wait_until="commit")
    page.page.wait_for_url(re.compile(r"\?province=Nong\+Khai&lang=en$"), timeout=30_000)
    page.wait_idle()
    assert _length(page) == 2

    page.type_in_box("Loei")
    page.wait_for_param("province", "Loei")
    page.wait_idle()
    assert _length(page) == 3

    page.page.go_back()
    page.wait_for_param("province", "Nong Khai")
    expect(page.page.locator(SELECT_BOX)).to_have_value(re.compile(r"^Nong Khai"), timeout=30_000)
    page.page.go_back()
    page.page.wait_for_url("about:blank")


def test_a_story_opened_from_explore_is_one_entry_and_back_returns_to_the_view_left(page, app):
    """A story opened from Explore's side panel is one entry, and Back returns to the province and pair left
    (Streamlit's switch alone adds an entry between them, the old page's path with the new page's query, where
    Back showed the first province)."""
    page.goto(app.url + "/explore?province=Loei&pair=08-1&lang=en")
    page.page.locator(".bm-story-link").first.wait_for()
    page.wait_idle()
    start = _length(page)

    page.page.locator(".bm-story-link").first.click()
    page.page.wait_for_url("**/stories?**")
    _heading(page, "Model-area stories")
    page.wait_idle()
    assert _length(page) == start + 1
    page.page.go_back()
    page.page.wait_for_url("**/explore?**")
    page.wait_idle()
    assert page.params() == {"province": "Loei", "pair": "08-1", "lang": "en"}
    assert page.box_value().startswith("Loei")


def test_a_sidebar_link_and_a_story_marker_are_one_entry_each(page, app):
    """Both open another page as the browser's own Back and Forward do (component.js, follow): one entry each,
    and Back shows the view left, the province and pair included."""
    page.goto(app.url + "/explore?province=Loei&pair=08-1&lang=en")
    page.page.locator(".bm-story-link").first.wait_for()
    page.wait_idle()
    start = _length(page)
    page.nav().get_by_text("Data & sources", exact=True).click()
    page.page.wait_for_url("**/data?**")
    _heading(page, "Data & sources")
    page.wait_idle()
    assert _length(page) == start + 1
    page.page.go_back()
    page.page.wait_for_url("**/explore?**")
    page.wait_idle()
    assert page.params() == {"province": "Loei", "pair": "08-1", "lang": "en"}

    page.goto(app.url + "/?lang=th")
    page.page.wait_for_function("() => window.bmMap && window.bmMap._bmClick")
    page.wait_idle()
    start = _length(page)
    # A marker opened from the keyboard (a user's step: the browser's own activation, which a script's
    # click would not give, and without which the landing rule in web/server/hints.py replaces the entry).
    marker = page.page.locator(".bm-map-box .leaflet-marker-icon", has_text="2")
    marker.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/stories?**")
    # The address changes before the page's run starts, and Streamlit says "not running" until it does: the
    # heading shows that run has begun, so the wait for idle is a wait for its end (and for its URL, written
    # last). Back pressed earlier raced that run's URL (a CI run ended on /?story=…).
    _heading(page, "เรื่องเล่าพื้นที่ต้นแบบ")
    page.wait_idle()
    assert page.params() == {"story": "phu-sing-health", "lang": "th"}
    assert _length(page) == start + 1
    page.page.go_back()
    page.page.wait_for_url(lambda url: "/stories" not in url)
    page.wait_idle()
    page.wait_for_param("story", None)  # the page left may still be writing its own URL for a frame or two
    assert page.params() == {"lang": "th"}
