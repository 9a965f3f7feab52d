"""The online basemap without a network, in a real Chromium: the switch says beside it that it goes online, and
when the tiles cannot be had (the tests' Page refuses every request to another host) the map says so, in the
page's language, instead of staying as it was with errors in the console only. On the session's app server."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from tests.support.browser import MAP_BOX, Page

pytestmark = [pytest.mark.browser, pytest.mark.real]

NOTE = {"en": "Goes online: map tiles from openstreetmap.org.", "th": "ใช้อินเทอร์เน็ต: โหลดภาพแผนที่จาก openstreetmap.org"}
FAILED = {"en": "The online basemap did not load", "th": "โหลดแผนที่ฐานออนไลน์ไม่ได้"}


@pytest.fixture
def page(browser):
    opened = Page(browser, allow_external=True)  # the test judges the refused requests itself
    yield opened
    opened.close()


def tile_hosts(page: Page) -> set[str]:
    return {urlparse(url).hostname for url in page.external}


def failure_note(page: Page):
    return page.page.locator(f"{MAP_BOX} .bm-tile-error")


def test_turning_the_basemap_on_offline_says_so_on_the_map(page, app):
    page.goto(app.url + "/?lang=en")
    page.wait_for_map(1)
    note = page.sidebar().get_by_text(NOTE["en"], exact=True)
    assert note.is_visible()  # beside the switch, not behind its "?"
    assert page.external == []  # nothing asked of another host before the viewer opts in
    assert failure_note(page).count() == 0

    page.sidebar().get_by_role("switch").click()
    page.wait_for_param("basemap", "1")
    failure_note(page).wait_for(state="visible")
    assert failure_note(page).inner_text().startswith(FAILED["en"])
    assert failure_note(page).get_attribute("role") == "status"
    box = page.page.locator(MAP_BOX).bounding_box()
    shown = failure_note(page).bounding_box()
    assert box["x"] <= shown["x"] < shown["x"] + shown["width"] <= box["x"] + box["width"]  # on the map
    assert box["y"] <= shown["y"] < shown["y"] + shown["height"] <= box["y"] + box["height"]
    assert tile_hosts(page) == {"tile.openstreetmap.org"}

    page.sidebar().get_by_role("switch").click()  # off again: the map without tiles, and without the note
    page.wait_for_param("basemap", None)
    failure_note(page).wait_for(state="detached")


def test_the_note_and_the_failure_are_in_thai_on_a_thai_page(page, app):
    page.goto(app.url + "/?lang=th&basemap=1")
    page.sidebar().get_by_text(NOTE["th"], exact=True).wait_for()
    failure_note(page).wait_for(state="visible")
    assert failure_note(page).inner_text().startswith(FAILED["th"])
    assert tile_hosts(page) == {"tile.openstreetmap.org"}
