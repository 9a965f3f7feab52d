"""The app's pages as Streamlit finds them on its own.

A fresh server's first request runs in Streamlit's legacy pages mode (a `pages/` folder beside app.py), which
knows a page only by the name it infers from the file; a path that no file is named after gets "Page not
found" over the page (web/entry.py, page_setup). The browser test of it is tests/browser/test_first_request.py.
"""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from border_map.web.navigation import PAGES
from tests.support.data import ROOT


def _inferred_url_paths(files: list[str]) -> list[str]:
    """The URL name Streamlit gives each page file when nothing names it (as legacy mode does)."""

    def script(files: list[str]) -> None:
        import streamlit as st

        for file in files:
            st.text(st.Page(file).url_path)

    at = AppTest.from_function(script, args=([str(ROOT / file) for file in files],)).run()
    assert not at.exception, [e.value for e in at.exception]
    return [t.value for t in at.text]


def test_every_page_file_is_named_as_its_url():
    assert _inferred_url_paths([file for _name, file, _title in PAGES]) == [name for name, _file, _title in PAGES]
