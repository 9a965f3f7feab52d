"""Fixtures of the browser tests: one app server for the whole session (every browser module opens its pages on
it; tests that need a server of their own start it with `start_app`), a fresh guarded page per test, and what
the real build holds (shapes per map, geometry to aim the mouse at)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.browser import Geo, Page, start_app
from tests.support.shared import made_once


@pytest.fixture(scope="session")
def logs(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("streamlit-logs")


@pytest.fixture(scope="session")
def app(built_dir, logs):
    """The app on the real build, shared by every browser test that does not need a server of its own."""
    server = start_app(built_dir, logs, "app")
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    opened = Page(browser)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def geo(built_dir) -> Geo:
    return Geo(built_dir)


@pytest.fixture(scope="session")
def counts(built_dir):
    """(border, stories, clickable) -> how many shapes that base map draws, by the app's own count
    (maps.feature_counts); `clickable`: Explore's map, whose provinces of the table are a shape each."""
    from border_map.model.dataset import load_dataset
    from border_map.render import maps

    data = load_dataset(built_dir)
    return lambda border="both", stories=False, clickable=False: maps.feature_counts(
        data, maps.MapView(border=border, story_markers=stories, clickable_provinces=clickable)
    )


@pytest.fixture(scope="session")
def exports_dir(built_dir, tmp_path_factory) -> Path:
    """The exports a reader opens from file, made once per run (tests/support/shared.py) for the security and
    accessibility checks: Loei's one-file HTML in both languages, the English site, the deck in both."""

    def make(out: Path) -> None:
        from border_map.model.dataset import load_dataset
        from border_map.render import export

        data = load_dataset(built_dir)
        for lang in ("en", "th"):
            export.export_html(data, "province:Loei", lang, out / f"loei-{lang}.html")
            export.export_deck(data, lang, "both", out / f"deck-{lang}.html")
        export.export_site(data, "en", out / "site")

    return made_once(tmp_path_factory, "exports", make)
