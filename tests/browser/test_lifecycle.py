"""The app's server over its life, each test with a server of its own: run from a read-only install it writes
nothing, and a restart with a viewer on it reconnects the open page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.support.browser import NAV_LABELS_TH, THAI_GLYPHS_JS, Page, Server, assert_draws_thai, drawn, start_app
from tests.support.data import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.real]


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def test_app_writes_nothing_at_run_time(browser, built_dir, logs, tmp_path, counts):
    """The app runs from a read-only install: Leaflet, the font and the layers are served from the wheels and
    from memory. (As root a read-only mode bit would not stop a write, so the proof is that nothing changed.)"""
    folder = tmp_path / "app"
    folder.mkdir()
    for name in ("app.py", "pages", ".streamlit"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, folder / name)
    before = tree(folder)
    env = {"BORDER_MAP_DATA": str(built_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    server = Server(folder, folder / "app.py", env, logs / "read-only.log")
    page = Page(browser)
    try:
        for path, border in (("/?lang=th", "both"), ("/explore?province=Loei&border=laos", "LAO")):
            page.goto(server.url + path)
            page.wait_for_map(drawn(counts(border, stories=path.startswith("/?"))))
        assert_draws_thai(page.page.evaluate(THAI_GLYPHS_JS, "Sarabun"), "read-only app")
        page.close()
    finally:
        page.discard()
        server.stop()
    assert tree(folder) == before


def test_a_server_restart_reconnects_the_open_page(browser, built_dir, logs, counts):
    """A replica restarted (a deploy, a crash) with a viewer on it: the open page reconnects to the new process
    by itself, the viewer's next choice is answered, and the map is drawn from layers the new process holds."""
    expected = drawn(counts("both", stories=True))
    server = start_app(built_dir, logs, "restart")
    page = Page(browser)
    try:
        page.goto(server.url)
        page.wait_for_map(expected)
        server.stop()
        page.page.wait_for_selector(
            '[data-testid="stApp"]:not([data-test-connection-state="CONNECTED"])', timeout=20_000
        )
        env = {"BORDER_MAP_DATA": str(built_dir)}
        server = Server(ROOT, ROOT / "app.py", env, logs / "restarted.log", port=server.port)
        page.wait_idle(timeout=60_000)  # reconnected, nobody reloaded the page
        page.sidebar().get_by_text("ไทย", exact=True).click()  # answered by the new process
        page.wait_for_param("lang", "th")
        page.wait_idle()
        assert page.nav_labels() == NAV_LABELS_TH
        assert page.sidebar().get_by_role("radio", name="ไทย").is_checked()
        page.wait_for_map(expected)
        page.close()  # fails on any HTTP error, such as a layer the new process did not hold
    finally:
        page.discard()
        server.stop()
