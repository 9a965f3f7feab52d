"""A fresh server's first request, in a real Chromium: Streamlit answers it in its legacy pages mode, which
knows a page only by its file name (web/entry.py, page_setup); /data must show the Data page, with no "Page not
found" dialog over it. The server is the packaged points build: what is tested is the page's name, not data."""

from __future__ import annotations

import pytest

from tests.support.browser import Page, Server
from tests.support.data import ROOT

pytestmark = [pytest.mark.browser]


@pytest.fixture(scope="module")
def fresh(tmp_path_factory):
    """A server nobody has asked anything yet: the module's one test makes its first request."""
    folder = tmp_path_factory.mktemp("first-request")
    server = Server(ROOT, ROOT / "app.py", {"BORDER_MAP_DATA": str(folder / "nothing-built")}, folder / "log")
    yield server
    server.stop()


def test_data_page_as_a_fresh_servers_first_request(browser, fresh):
    page = Page(browser)
    try:
        page.goto(fresh.url + "/data?lang=en", idle=False)
        page.page.get_by_role("heading", name="Data & sources", exact=True).wait_for()
        page.page.get_by_role("heading", name="What the build found", exact=True).wait_for()
        page.wait_idle()
        assert page.page.get_by_text("Page not found").count() == 0
        assert page.dialog().count() == 0
        assert page.url.startswith(fresh.url + "/data")
        page.close()
    finally:
        page.discard()
