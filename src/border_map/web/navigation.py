"""The app's pages and the moves between them: the entry script's run, page links, switches asked for
by callbacks (where Streamlit ignores a switch) and followed on the next run."""

from __future__ import annotations

import copy
import functools

import streamlit as st

from border_map import i18n
from border_map.web.state import drop_pending, global_params, language, present

# The app's pages in the order the sidebar lists them: URL name, file, title. The first is the default (at /).
# Each file is named as its URL: a fresh server's first request is answered by file name (entry.page_setup).
PAGES = (
    ("overview", "pages/overview.py", i18n.N_("Overview")),
    ("explore", "pages/explore.py", i18n.N_("Explore by province")),
    ("stories", "pages/stories.py", i18n.N_("Model-area stories")),
    ("data", "pages/data.py", i18n.N_("Data & sources")),
    ("present", "pages/present.py", i18n.N_("Present")),
)


def pages() -> list:
    """The app's pages, in the current language. Made once per language (`st.Page` looks each file up on disk:
    10% of an Explore run's script time in a profile of 50 explorers); each run gets copies, because
    `st.navigation` marks the page it picks as runnable and running it clears the mark: two sessions must
    never share that flag."""
    return [copy.copy(page) for page in _pages(language())]


@functools.cache
def _pages(lang: str) -> tuple:
    """No page icons: Streamlit makes a page's ":material/..." icon the favicon, fetched from fonts.gstatic.com."""
    _ = i18n.translator(lang)
    return tuple(
        st.Page(file, title=_(title), default=i == 0, url_path=name) for i, (name, file, title) in enumerate(PAGES)
    )


def ask_for_page(page: str, **params: str) -> None:
    """From a callback, where Streamlit ignores a page switch: go to `page` with `params` (and the sidebar's
    choices) on the run that follows. app.py's run follows it (run_app) before the page runs; a fragment's
    run, which has no app.py, follows it where the fragment calls `follow_asked_page` (Explore)."""
    st.session_state.bm_goto = (page, params)


def follow_asked_page() -> None:
    asked = st.session_state.pop("bm_goto", None)
    if asked:
        page, params = asked
        drop_pending()
        st.switch_page(page, query_params={**params, **present(global_params())})


def page_link(page: str, label: str, icon: str, **params: str | None) -> None:
    """A link to another page that carries the sidebar's filters along."""
    st.page_link(page, label=label, icon=icon, query_params=present({**params, **global_params()}))
