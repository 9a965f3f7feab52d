"""The entry script's run (app.py as `__main__`): language and filters from the link, the page's config, the
shared sidebar, then the page."""

from __future__ import annotations

import threading
from collections.abc import Callable

import streamlit as st

from border_map.web.data_cache import dataset
from border_map.web.look import favicon
from border_map.web.navigation import PAGES, follow_asked_page, pages
from border_map.web.sidebar import sidebar
from border_map.web.state import init_from_url, settings_kept, tr

_run = threading.local()  # while app.py runs: that it started the page (legacy mode does not)


def run_app() -> None:
    """The entry script: language and filters from the link, page config, the shared sidebar, the page."""
    init_from_url()
    with settings_kept():
        # Streamlit's own page menu hidden: the sidebar's controls list the pages (controls), as links that
        # carry the language and filters, so a page opened in a new tab keeps them; and the browser draws one
        # component there instead of Streamlit's menu, a Markdown element per page, before the map.
        page = st.navigation(pages(), position="hidden")
        _ = tr()
        st.set_page_config(page_title=_("border_map · P2P parallel areas"), page_icon=favicon(), layout="wide")
        sidebar(dataset(), page.url_path or PAGES[0][0])  # the default page's URL name reads as ""
        follow_asked_page()  # a click on one of those links, or a page asked for by the last run's callback
        _run.active = True
        try:
            page.run()
        finally:
            _run.active = False


def page_setup() -> None:
    """First call of every page. With a `pages/` folder beside app.py, Streamlit runs a fresh server's first
    request in its legacy mode: the page file alone, without app.py. Here that run becomes the app's own run:
    `run_app` declares the app's navigation (public `st.navigation`, which ends legacy mode for the server),
    draws the sidebar and runs the page in full; the legacy run of the file then stops. Not a rerun: a click
    that is that first request (a page left open across a server restart) would be lost with it.

    Legacy mode finds the page by its file name (pages/explore.py answers /explore), and for a path no file is
    named after it sends the browser "Page not found" before running anything: so every page file is named as
    its URL (navigation.PAGES; tests/app/test_navigation.py)."""
    if not getattr(_run, "active", False):
        run_app()
        st.stop()


@st.fragment
def run_alone(part: Callable[[], None]) -> None:
    """Runs `part` as a fragment: a choice made inside it reruns `part` alone, not app.py and the page around
    it. Decorated once for the server rather than on every run of the page: Streamlit's decoration was 2% of
    the server's time under 200 explorers (py-spy)."""
    part()
