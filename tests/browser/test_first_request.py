"""A deep link as a fresh server's very first request, one per kind of page: Explore with a province, a story,
a pair on the overview.

With a `pages/` folder beside app.py, Streamlit answers a fresh server's first request in its legacy pages mode
(web/entry.py, page_setup, ends it): the app's own navigation and layout must show all the same. That mode is the
server's, so each test has a server no page was asked of; what the link says is the resolver's and is checked
once per spelling where that is cheapest (tests/unit/test_resolve.py, tests/app/test_pages.py).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from urllib.parse import urlparse

import pytest

from tests.support.browser import NAV_LABELS, STORY_2, Page, heading, query, start_app, stories

pytestmark = [pytest.mark.browser, pytest.mark.real]


FRESH_SERVERS = 4  # one per test below


@pytest.fixture(scope="module")
def fresh_servers(built_dir, logs):
    """Servers nobody has asked for a page yet, one for each test here, started side by side at the module's
    start (each mostly waits on its own imports) and taken in turn."""
    with ThreadPoolExecutor(FRESH_SERVERS) as pool:
        starting = [pool.submit(start_app, built_dir, logs, "first-request") for _ in range(FRESH_SERVERS)]
        yield iter(starting)
        for future in starting:
            with suppress(Exception):  # one that failed to start failed its test already
                future.result().stop()


@contextmanager
def first_request(browser, fresh_servers, path: str):
    """A page whose URL is a fresh server's very first request."""
    server = next(fresh_servers).result()
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


def test_province_deep_link_as_first_request(browser, fresh_servers, geo):
    """Thai script, percent-encoded in the address as a browser sends it."""
    with first_request(browser, fresh_servers, "/explore" + query(province="เลย")) as page:
        page.page.get_by_role("heading", name=heading(geo.pairs_in("THA", "Loei"), "Loei"), exact=True).wait_for()
        assert_own_navigation(page)
        assert page.wait_for_param("province", "Loei") == {"province": "Loei", "lang": "en"}
        assert urlparse(page.url).path == "/explore"
        assert page.box_value().startswith("Loei ")
        assert "The link asks for" not in page.main_text()


def test_story_deep_link_as_first_request(browser, fresh_servers):
    with first_request(browser, fresh_servers, "/stories?story=2") as page:
        page.page.get_by_text("Story 2 of 5", exact=True).wait_for()
        assert_own_navigation(page)
        # The page named its server's base: Streamlit did not first look for one under /stories (100 ms lost).
        paths = [urlparse(u).path for u in page.requests]
        assert "/_stcore/health" in paths
        assert not [p for p in paths if p.startswith("/stories/")], paths
        assert page.wait_for_param("story", STORY_2["id"]) == {"story": STORY_2["id"], "lang": "en"}
        page.page.get_by_role("heading", name=stories()[1]["title"]).wait_for()


def test_pair_deep_link_as_first_request(browser, fresh_servers):
    with first_request(browser, fresh_servers, "/?pair=8-1") as page:
        page.page.get_by_text("Selected: pair 08-1", exact=False).wait_for()
        assert_own_navigation(page)
        assert page.wait_for_param("pair", "08-1") == {"pair": "08-1", "lang": "en"}
        page.page.get_by_role("button", name="Details").click()  # a link selects the pair; its details on demand
        page.dialog().get_by_text("Chiang Khan (Loei, Thailand)", exact=False).wait_for()


def test_data_page_as_first_request(browser, fresh_servers):
    """Legacy mode knows a page by its file name: /data must show the Data page, with no "Page not found"
    dialog over it (its file was data_sources.py)."""
    with first_request(browser, fresh_servers, "/data?lang=en") as page:
        page.page.get_by_role("heading", name="Data & sources", exact=True).wait_for()
        page.page.get_by_role("heading", name="What the build found", exact=True).wait_for()
        assert_own_navigation(page)
        assert page.page.get_by_text("Page not found").count() == 0
        assert page.dialog().count() == 0
        assert urlparse(page.url).path == "/data"
